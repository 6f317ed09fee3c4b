import { Option, type Command } from "commander";

import { InputError } from "../common/errors.js";
import { loopDetailGiven, type ControlCliOptions } from "../load/control-options.js";

export { controlOptionsOf, type ControlCliOptions } from "../load/control-options.js";

/** Refuses the loop flags where a command would accept and ignore them: every accepted flag changes the output. */
export function refuseLoopFlags(options: ControlCliOptions, why: string): void {
  const flag = options.controlHz !== undefined ? "--control-hz" : loopDetailGiven(options);
  if (flag !== undefined) throw new InputError(`${flag}: ${why}`);
}

export function addControlOptions(command: Command): Command {
  return command
    .option("--control-hz <hz>", "the robot's control rate: checks that the loop holds it")
    .option("--chunk <n>", "actions one inference yields (default: the model's chunk_actions)")
    .option(
      "--horizon <n>",
      "actions executed before the next chunk is needed (default: half the chunk, as SmolVLA runs asynchronously)",
    )
    .addOption(
      new Option(
        "--mode <mode>",
        "sync: the robot waits for each inference; async (default): the next one starts while actions run",
      ).choices(["sync", "async"]),
    );
}

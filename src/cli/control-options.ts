import { Option, type Command } from "commander";

export { controlOptionsOf, type ControlCliOptions } from "../system/control-options.js";

export function addControlOptions(command: Command): Command {
  return command
    .option("--control-hz <hz>", "the robot's control rate: checks that the loop holds it")
    .option("--chunk <n>", "actions one inference yields (default: the model's chunk_actions)")
    .option("--horizon <n>", "actions executed before the next chunk is needed (default: half the chunk, as SmolVLA runs asynchronously)")
    .addOption(new Option("--mode <mode>", "sync: the robot waits for each inference; async: the next one starts while actions run").choices(["sync", "async"]).default("async"));
}

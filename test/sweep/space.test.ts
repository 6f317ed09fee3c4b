import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { parseSpace, parseValues, pointAt, points } from "../../src/sweep/space.js";

const known = { model: ["cameras", "action_expert.steps"] };

describe("--vary value syntax", () => {
  it.each([
    ["8,16,32,64,128", [8, 16, 32, 64, 128]],
    ["os,ws,is", ["os", "ws", "is"]],
    [" 8 , 16 ", [8, 16]],
    ["200:1000:200", [200, 400, 600, 800, 1000]],
    ["200:900:200", [200, 400, 600, 800]],
    ["0.1:0.5:0.1", [0.1, 0.2, 0.3, 0.4, 0.5]],
    ["5:5:1", [5]],
    ["64..4096x2", [64, 128, 256, 512, 1024, 2048, 4096]],
    ["64..1000x2", [64, 128, 256, 512]],
    ["1..81×3", [1, 3, 9, 27, 81]],
    ["42", [42]],
  ])("%s gives %j", (text, values) => {
    expect(parseValues("--vary x", text, 1000)).toEqual(values);
  });

  it.each([
    ["mac_array.rows=8:", "a range is start:stop:step with all three given"],
    ["mac_array.rows=8:64", "a range is start:stop:step with all three given"],
    ["mac_array.rows=1..x", "the stop is missing"],
    ["mac_array.rows=1..64", "powers are written start..stop x factor"],
    ["mac_array.rows=..64x2", "the start is missing"],
    ["mac_array.rows=1..64x1", "the factor must be greater than 1, got 1"],
    ["mac_array.rows=0..64x2", "the start must be positive, got 0"],
    ["mac_array.rows=8:64:0", "the step must be positive, got 0"],
    ["mac_array.rows=8:64:-8", "the step must be positive, got -8"],
    ["mac_array.rows=64:8:8", "the range goes down (stop 8 < start 64)"],
    ["mac_array.rows=64..8x2", "the range goes down (stop 8 < start 64)"],
    ["mac_array.rows=a:64:8", "the start 'a' is not a number"],
    ["mac_array.rows=", "no values after '='"],
    ["mac_array.rows=8,,16", "empty value in the list"],
    ["mac_array.rows=8,16,", "empty value in the list"],
    ["mac_array.rows=8,16,8", "8 is listed twice"],
    ["mac_array.rows", "expected <path>=<values>"],
    ["=8,16", "'' is not a path"],
    ["mac_array.row=8,16", "--vary mac_array.row: no such target field (did you mean 'mac_array.rows'?)"],
    ["sram=8,16", "--vary sram: no such target field"],
    ["camera=1,2", "--vary camera: no such target field or model parameter (did you mean 'cameras'?)"],
    [
      "clock_mhz=1:1e9:1",
      "gives 1,000,000,000 values, more than the limit of 100,000 points (raise it with --max-points)",
    ],
  ])("--vary %s is refused: %s", (vary, message) => {
    expect(() => parseSpace([vary], [], known)).toThrow(InputError);
    expect(() => parseSpace([vary], [], known)).toThrow(message);
  });

  it("names the point count and the way out when the product exceeds --max-points", () => {
    expect(() => parseSpace(["mac_array.rows=1:100:1", "clock_mhz=1:100:1"], [], known, 5000)).toThrow(
      "the sweep has 10,000 points (100 × 100), more than the limit of 5,000; narrow the --vary values or raise the limit with --max-points 10000",
    );
    expect(parseSpace(["mac_array.rows=1:100:1", "clock_mhz=1:100:1"], [], known, 10_000).count).toBe(10_000);
  });

  it("needs at least one --vary and refuses a path given twice", () => {
    expect(() => parseSpace([], [], known)).toThrow("give at least one --vary");
    expect(() => parseSpace(["clock_mhz=1,2", "clock_mhz=3"], [], known)).toThrow(
      "'clock_mhz' is already given by --vary",
    );
  });
});

describe("the cartesian product", () => {
  it("lists points with the first --vary outermost, target and model paths alike", () => {
    const space = parseSpace(["mac_array.dataflow=os,ws", "cameras=1,2,3"], [], known);
    expect(space.columns.map((c) => [c.path, c.domain])).toEqual([
      ["mac_array.dataflow", "target"],
      ["cameras", "model"],
    ]);
    const all = [...points(space)];
    expect(all).toEqual([
      ["os", 1],
      ["os", 2],
      ["os", 3],
      ["ws", 1],
      ["ws", 2],
      ["ws", 3],
    ]);
    all.forEach((p, i) => expect(pointAt(space, i)).toEqual(p));
  });
});

describe("--tie", () => {
  it("keeps arrays square", () => {
    const space = parseSpace(["mac_array.rows=8,16,32"], ["mac_array.cols=mac_array.rows"], known);
    expect([...points(space)]).toEqual([
      [8, 8],
      [16, 16],
      [32, 32],
    ]);
    expect(space.columns[1]).toMatchObject({ path: "mac_array.cols", kind: "tie", domain: "target" });
  });

  it("evaluates expressions over varied values and earlier ties", () => {
    const space = parseSpace(
      ["mac_array.rows=8,16", "cameras=1,2"],
      [
        "mac_array.cols=2*mac_array.rows",
        "sram.size_kib=mac_array.cols * cameras + 64",
        "action_expert.steps=max(5, cameras * 5)",
      ],
      known,
    );
    expect([...points(space)]).toEqual([
      [8, 1, 16, 80, 5],
      [8, 2, 16, 96, 10],
      [16, 1, 32, 96, 5],
      [16, 2, 32, 128, 10],
    ]);
  });

  it.each([
    ["mac_array.cols=mac_array.row", "'mac_array.row' is not varied", "(did you mean 'mac_array.rows'?)"],
    ["mac_array.cols=clock_mhz", "'clock_mhz' is not varied", "mac_array.rows"],
    ["mac_array.rows=8", "'mac_array.rows' is already given by --vary", "--tie mac_array.rows"],
    ["mac_array.cols=mac_array.rows+", "cannot parse expression 'mac_array.rows+'", "--tie"],
    ["mac_array.cols=mac_array.rows.x", "'mac_array.rows.x' is not varied", "--tie"],
    ["mac_array.cols=", "no expression after '='", "--tie"],
    ["mac_array.cols=[1,2]", "is not allowed", "--tie"],
    ["mac_array.colz=mac_array.rows", "no such target field (did you mean 'mac_array.cols'?)", "--tie"],
  ])("--tie %s is refused: %s", (tie, message, more) => {
    expect(() => parseSpace(["mac_array.rows=8,16"], [tie], known)).toThrow(message);
    expect(() => parseSpace(["mac_array.rows=8,16"], [tie], known)).toThrow(more);
  });

  it("refuses an expression over a path that takes names", () => {
    expect(() => parseSpace(["mac_array.dataflow=os,ws"], ["mac_array.cols=mac_array.dataflow"], known)).toThrow(
      "takes names, not numbers",
    );
  });

  it("reports a tie that is not a finite number at the point where it happens", () => {
    const space = parseSpace(["mac_array.rows=0,8"], ["mac_array.cols=64 / mac_array.rows"], known);
    expect(() => [...points(space)]).toThrow(
      "--tie mac_array.cols=64 / mac_array.rows: gives Infinity at mac_array.rows=0",
    );
  });
});

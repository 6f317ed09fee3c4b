/**
 * As-built overheads: what a chip adds to the bottom-up sum of its MAC cells, registers, SRAM bitcells and
 * vector lanes (technology.ts). Published NPU areas are 5–8× that sum and power at load several times the
 * MAC energy alone (chips-as-built sheet §12), so each overhead is a named step with one constant, fitted to
 * the calibration chips of docs/energy-area.md "Calibration" (the fit, its residual per chip and the chips
 * held out are there; test/hardware/calibration.test.ts checks each chip as a target file).
 */

/**
 * Per-PE logic beyond one MAC and its pipeline registers (accumulators, operand staging and muxing, the
 * convolution pipeline's per-lane control, local wiring), as a multiple of that bottom-up PE. Fitted, with
 * SRAM_PERIPHERY_FACTOR and CONTROL_MM2_AT_45NM, to NVDLA's 14 published cell areas (7 configurations at
 * 16 and 28 nm, NVDLA Primer), the Exynos 2100 NPU core and the Groq TSP die: least squares in log area.
 */
export const PE_LOGIC_FACTOR = 7.15;

/**
 * SRAM as built over its bitcell-derived macro area (technology.ts already divides bitcells by a 0.70 array
 * efficiency): the small, many-banked buffers of an NPU (NVDLA's CBUF is 16–32 banks of 512 words) carry
 * sense amplifiers, decoders and bank muxes that a large macro amortises. Fitted as PE_LOGIC_FACTOR.
 */
export const SRAM_PERIPHERY_FACTOR = 2.0;

/**
 * A fixed control block (sequencer, DMA engines, configuration registers, the host interface) that does not
 * grow with the array: the intercept of the NVDLA area-versus-MACs line, which dominates its 32- and 64-MAC
 * configurations. 1.1 mm² at 45 nm, scaled by the logic area factor (0.21 mm² at 16 nm). Fitted as above.
 */
export const CONTROL_MM2_AT_45NM = 1.1;

/**
 * Standard-cell utilisation after place and route: layout area = cell area ÷ utilisation. 0.6–0.8 is common
 * practice (chips-as-built §12, tag L); 0.7 is its middle. NVDLA's published figures are cell area, so the
 * fit compares them before this step; die and core areas after it.
 */
export const PLACEMENT_UTILISATION = 0.7;

/**
 * Clock tree and control switching: energy per cycle per mm² of cell area, drawn whenever the design is
 * clocked, busy or not (clock generation and distribution is over 25% of a processor's power: Duarte et al.,
 * ISVLSI 2002). Fitted, with the bottom-up dynamic energy of the same loads (partial sums included), to the
 * calibration chips' published power: NVDLA on ResNet-50 at 16 nm (291 mW for 2048 MACs, 21 mW for 64; NVDLA
 * Primer) and the Exynos 2100 NPU's 13.6 TOPS/W (ISCA 2021): 9 pJ at 45 nm, 8.2 pJ per mm² per cycle at 16 nm
 * through the node's energy per unit area (energy factor ÷ area factor, Stillmaker & Baas).
 */
export const CLOCK_PJ_PER_MM2_CYCLE_AT_45NM = 9;

/**
 * Dynamic energy of the same logic built on an FPGA over a standard-cell ASIC at the same node, with the FPGA's
 * hard DSP and memory blocks used: 7.1× (Kuon & Rose, "Measuring the Gap Between FPGAs and ASICs", IEEE TCAD
 * 26(2), 2007; 14× for soft logic alone). Recalled, not in the chips-as-built sheet: docs/energy-area.md checks
 * it against the sheet's FPGA figures.
 */
export const FPGA_DYNAMIC_FACTOR = 7.1;

/** Two components of one 50×720×720 projection each: one component's precision changes, the other's must not move. */
export const TWO_PARTS_MODEL = `
name: two parts
components:
  - name: encoder
    layers:
      - repeat: 1
        blocks:
          - { type: linear, name: proj, tokens: 50, in: 720, out: 720 }
  - name: expert
    input_from: encoder
    layers:
      - repeat: 1
        blocks:
          - { type: linear, name: proj, tokens: 50, in: 720, out: 720 }
`;

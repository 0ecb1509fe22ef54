/** neataptic ships no types; bench/peers.ts types the parts it uses where it uses them. */
declare module 'neataptic' {
  const neataptic: unknown;
  export default neataptic;
}

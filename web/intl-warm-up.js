// The browser's first Intl.NumberFormat loads its locale data: about 30 ms
// on a laptop, four times that on a phone. Every number of the planner is
// formatted with Intl, so that cost would otherwise fall inside the
// start-up task. Paid here, just after the first paint ("Loading…") and,
// on a phone's network, while the wasm is still downloading, it is off the
// path to the first screen of numbers. Not before the first paint: that
// would hold the paint back by the same 30 ms.
requestAnimationFrame(() => {
  setTimeout(() => {
    new Intl.NumberFormat([], { style: 'currency', currency: 'USD' }).format(1);
  }, 0);
});

// The browser's first Intl.NumberFormat loads its locale data: about 30 ms
// on a laptop, four times that on a phone. Every number of the planner is
// formatted with Intl, so that cost would otherwise fall inside the
// start-up task. Paid here, while the wasm is still downloading and
// compiling, it is off the path to the first screen of numbers.
new Intl.NumberFormat([], { style: 'currency', currency: 'USD' }).format(1);

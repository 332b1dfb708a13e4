//! A debugging session: step, step back, run to a breakpoint.

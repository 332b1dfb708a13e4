//! The simulated kernel: context layouts, the packet, maps, the ring buffer,
//! globals, pid, clock and seeded random numbers.
pub mod ctx;

//! One component per panel.
pub mod bytecode;
pub mod callstack;
pub mod compare;
pub mod cview;
pub mod dynptrs;
pub mod editor;
pub mod editor_area;
pub mod header;
pub mod help;
pub mod maps;
pub mod packet;
pub mod registers;
pub mod ringbuf;
pub mod stack;
pub mod statusbar;
pub mod toolbar;
pub mod verifier;

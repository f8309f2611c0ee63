//! The Node addon: the N-API face of the transport crate (`cdp_transport`), which knows
//! nothing of Node.

pub mod binding;

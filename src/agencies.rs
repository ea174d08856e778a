//! The agency registry (to be written).

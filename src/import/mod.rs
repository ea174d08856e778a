//! Importer (to be written).

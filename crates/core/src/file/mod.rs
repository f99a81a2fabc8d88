//! Files a user passes around, read and written: the draft file with its envelope and
//! migrations ([`draft`]), what is wrong with a bad one in words a user knows ([`errors`]),
//! the sample draft ([`sample`]), and tables as people bring them: pasted blocks, known
//! columns, header mapping ([`table`]).
//!
//! Uses: base, model.

pub mod draft;
pub mod errors;
pub mod office;
pub mod sample;
pub mod table;

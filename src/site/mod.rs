//! The site generator behind a knowledge repo (Hugo, Jekyll, Docusaurus, MkDocs, DocFX):
//! where its entries are, each file's public URL, the links it resolves, its navigation and
//! its translations, understood the way the generator does.

pub mod genconfig;
pub mod nav;

//! Images a document refers to (signature, seal), loaded by the caller.
//! The core does no I/O: the CLI reads the files named in the document and
//! hands their bytes to the renderers through this map.

use std::collections::BTreeMap;
use std::sync::Arc;

/// Image bytes by the reference written in the document
/// (`signature.signature_image`, `signature.seal_image`).
#[derive(Debug, Clone, Default)]
pub struct Assets {
    map: BTreeMap<String, Arc<Vec<u8>>>,
}

impl Assets {
    pub fn new() -> Assets {
        Assets::default()
    }
    pub fn insert(&mut self, reference: impl Into<String>, bytes: Vec<u8>) {
        self.map.insert(reference.into(), Arc::new(bytes));
    }
    pub fn get(&self, reference: &str) -> Option<&Arc<Vec<u8>>> {
        self.map.get(reference)
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

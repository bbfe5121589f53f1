//! Values derived from a corpus once per run and shared by the rules that need them (the
//! duplicate rules' analysed titles and answers, say): computed by the first rule that asks,
//! reused by the others. A corpus is immutable once loaded (`fix` rebuilds a new one), so a
//! value never goes stale.

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rustc_hash::FxHashMap as HashMap;

/// A per-corpus cache with one value per type.
#[derive(Default)]
pub struct Memo {
    /// Type → its `Arc<OnceLock<Arc<T>>>`.
    slots: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Memo {
    /// The value of type `T`, computed by `init` on first use. Two rules asking at once: the
    /// second waits for the first's value (the map's lock is not held while computing).
    pub fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
            slots
                .entry(TypeId::of::<T>())
                .or_insert_with(|| Arc::new(OnceLock::<Arc<T>>::new()))
                .clone()
        };
        // The slot of `T` always holds a `OnceLock<Arc<T>>`; were it not, compute uncached.
        let slot = slot
            .downcast::<OnceLock<Arc<T>>>()
            .unwrap_or_else(|_| Arc::new(OnceLock::new()));
        slot.get_or_init(|| Arc::new(init())).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn computes_once_per_type() {
        let memo = Memo::default();
        let calls = AtomicUsize::new(0);
        let a = memo.get_or_init(|| {
            calls.fetch_add(1, Ordering::SeqCst);
            vec![1u32, 2]
        });
        let b = memo.get_or_init::<Vec<u32>>(|| {
            calls.fetch_add(1, Ordering::SeqCst);
            Vec::new()
        });
        assert_eq!(*a, *b);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(*memo.get_or_init(|| 7u8), 7);
    }
}

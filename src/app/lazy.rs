//! A load that remembers it was tried. Pages ask for data they lack while drawing; if the
//! answer were not remembered, a load that fails (an unreadable stored report, a backups
//! folder that cannot be read) would be asked for again every frame, forever: queries and
//! an error each frame. A [`Lazy`] keeps what the load was for and what it found, data or
//! error, until the area clears it because something changed.

/// The outcome of the last load, and what it was for.
#[derive(Debug)]
pub struct Lazy<K, T> {
    tried: Option<(K, Result<T, String>)>,
    /// A load under way on a background job, and what it is for.
    pending: Option<K>,
}

impl<K, T> Default for Lazy<K, T> {
    fn default() -> Self {
        Self { tried: None, pending: None }
    }
}

impl<K: PartialEq, T> Lazy<K, T> {
    /// Whether a load for `key` has yet to be tried (since the last change).
    pub fn wants(&self, key: &K) -> bool {
        self.pending.as_ref() != Some(key) && self.tried.as_ref().is_none_or(|(k, _)| k != key)
    }

    /// Marks a load for `key` as under way, so that it is not asked for again meanwhile.
    pub fn start(&mut self, key: K) {
        self.pending = Some(key);
    }

    /// What the load for `key` found, once tried.
    pub fn get(&self, key: &K) -> Option<&Result<T, String>> {
        self.tried.as_ref().filter(|(k, _)| k == key).map(|(_, r)| r)
    }

    /// The loaded data, whatever it was loaded for.
    pub fn value(&self) -> Option<&T> {
        self.tried.as_ref().and_then(|(_, r)| r.as_ref().ok())
    }

    /// The loaded data, to change in place (what was saved from it).
    pub fn value_mut(&mut self) -> Option<&mut T> {
        self.tried.as_mut().and_then(|(_, r)| r.as_mut().ok())
    }

    /// What the last load was for.
    pub fn key(&self) -> Option<&K> {
        self.tried.as_ref().map(|(k, _)| k)
    }

    /// Remembers what the load for `key` found. A failure is also returned, so the
    /// action that loaded can say it once in the status line.
    pub fn set(&mut self, key: K, result: anyhow::Result<T>) -> anyhow::Result<()> {
        self.pending = None;
        let (stored, returned) = match result {
            Ok(v) => (Ok(v), Ok(())),
            Err(e) => {
                let text = format!("{e:#}");
                (Err(text.clone()), Err(anyhow::anyhow!(text)))
            }
        };
        self.tried = Some((key, stored));
        returned
    }

    /// Forgets the outcome: the next page that wants it loads again.
    pub fn clear(&mut self) {
        self.tried = None;
        self.pending = None;
    }
}

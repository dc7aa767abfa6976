//! The smallest (or largest) of a multiset that is only ever added to or
//! removed from one value at a time: exact while what leaves is not the
//! extreme itself; when it is, the caller finds it again from the rows.

/// Which end is kept.
pub trait End {
    fn better<T: Ord>(a: T, b: T) -> bool;
}

/// The smallest value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Least;
/// The largest value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Greatest;

impl End for Least {
    fn better<T: Ord>(a: T, b: T) -> bool {
        a < b
    }
}

impl End for Greatest {
    fn better<T: Ord>(a: T, b: T) -> bool {
        a > b
    }
}

/// One end of a multiset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extreme<T, E> {
    value: Option<T>,
    /// The extreme left: `value` is no longer known.
    stale: bool,
    _end: std::marker::PhantomData<E>,
}

impl<T, E> Default for Extreme<T, E> {
    fn default() -> Self {
        Self {
            value: None,
            stale: false,
            _end: std::marker::PhantomData,
        }
    }
}

impl<T: Ord + Copy, E: End> Extreme<T, E> {
    pub fn add(&mut self, t: T) {
        if !self.stale && self.value.is_none_or(|v| E::better(t, v)) {
            self.value = Some(t);
        }
    }

    pub fn remove(&mut self, t: T) {
        if self.value == Some(t) {
            self.stale = true;
        }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Starts finding it again: feed every value with [`Self::add`] after.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// The extreme (`None` for none, or while stale).
    pub fn get(&self) -> Option<T> {
        if self.stale {
            None
        } else {
            self.value
        }
    }
}

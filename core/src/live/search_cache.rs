//! The search box's results, kept for the last few searches: typing on
//! ("ana" → "ana g") tests only the rows the shorter search matched, going
//! back (backspace) finds its answer here, and each kept answer follows the
//! rows as they change, so none is ever stale.

use crate::search::{SearchKey, SearchNeedle};

// `candidates` are always rows that exist: `all` or a kept answer, which
// follows removals.

use super::bitset::Bitset;

/// How many searches are kept: a word typed and erased letter by letter.
const KEPT: usize = 12;

#[derive(Debug, Clone)]
struct Cached {
    needle: SearchNeedle,
    matches: Bitset,
    /// When it was last asked for (a counter), for evicting the oldest.
    used: u64,
}

/// Recent searches and the rows each matches.
#[derive(Debug, Clone, Default)]
pub struct SearchCache {
    kept: Vec<Cached>,
    uses: u64,
}

impl SearchCache {
    /// The rows matching `needle`, among `all` (every row); `masks` and
    /// `keys` give a row's char mask and prepared fields by slot.
    pub fn matches(
        &mut self,
        needle: &SearchNeedle,
        all: &Bitset,
        masks: &[u64],
        keys: &[SearchKey],
    ) -> Bitset {
        if needle.is_empty() {
            return all.clone();
        }
        self.uses += 1;
        let uses = self.uses;
        if let Some(hit) = self.kept.iter_mut().find(|c| c.needle == *needle) {
            hit.used = uses;
            return hit.matches.clone();
        }
        // The narrowest kept search this one refines: its matches are all
        // there is to test.
        let candidates = self
            .kept
            .iter()
            .filter(|c| needle.refines(&c.needle))
            .min_by_key(|c| c.matches.len())
            .map_or(all, |c| &c.matches);
        let mut matches = Bitset::default();
        let decided = needle.mask_decides();
        for slot in candidates.iter() {
            let i = slot as usize;
            // The mask first: one AND in a dense array rules most rows out
            // without touching their text.
            let hit = masks.get(i).is_some_and(|&m| needle.could_match(m))
                && (decided || keys.get(i).is_some_and(|k| needle.matches_key(k)));
            if hit {
                matches.set(slot, true);
            }
        }
        if self.kept.len() >= KEPT {
            if let Some(oldest) = (0..self.kept.len()).min_by_key(|&i| self.kept[i].used) {
                self.kept.swap_remove(oldest);
            }
        }
        self.kept.push(Cached {
            needle: needle.clone(),
            matches: matches.clone(),
            used: uses,
        });
        matches
    }

    /// The row in `slot` now has these fields (`None`: it is gone).
    pub fn row_changed(&mut self, slot: u32, key: Option<&SearchKey>) {
        for cached in &mut self.kept {
            let hit = key.is_some_and(|k| cached.needle.matches_key(k));
            cached.matches.set(slot, hit);
        }
    }

    /// Forgets every kept answer (after a whole new snapshot, testing
    /// each kept search against every row would cost more than it saves).
    pub fn clear(&mut self) {
        self.kept.clear();
    }
}

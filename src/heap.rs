//! The bytes the app holds on its heap, counted at the allocator.
//!
//! The wasm linear memory only ever grows, so its size says what the app
//! needed at its worst, not what it holds now. Counting at the allocator
//! tells a leak (bytes held keep rising) from a peak or fragmentation
//! (bytes held flat while the memory grew). The soak (`cargo xtask soak`)
//! reads both through the module's exports; counting costs two additions
//! per allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use wasm_bindgen::prelude::wasm_bindgen;

/// The system allocator, counting what is held and the most held since the
/// last [`heap_peak`].
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static LARGEST: AtomicUsize = AtomicUsize::new(0);

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn add(bytes: usize) {
    let held = HELD.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(held, Relaxed);
    LARGEST.fetch_max(bytes, Relaxed);
}

fn sub(bytes: usize) {
    HELD.fetch_sub(bytes, Relaxed);
}

// SAFETY: every call is passed through to `System` unchanged; the counters
// are only bookkeeping beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            add(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            add(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        sub(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            sub(layout.size());
            add(new_size);
        }
        moved
    }
}

/// Bytes allocated and not yet freed.
#[wasm_bindgen]
pub fn heap_held() -> f64 {
    HELD.load(Relaxed) as f64
}

/// The most bytes held at once since the previous call (or since start).
#[wasm_bindgen]
pub fn heap_peak() -> f64 {
    PEAK.swap(HELD.load(Relaxed), Relaxed) as f64
}

/// The largest single block asked for since the previous call: a block
/// that fits in no free gap grows the memory by its whole size.
#[wasm_bindgen]
pub fn heap_largest() -> f64 {
    LARGEST.swap(0, Relaxed) as f64
}

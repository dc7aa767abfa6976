//! What the page holds in memory: the JS heap, the wasm memory and what
//! the app says it holds on its heap, and the DOM's size.

use super::cdp;
use super::page::Page;

/// Memory after a forced garbage collection.
#[derive(Clone, Copy, Debug, Default)]
pub struct MemorySample {
    /// Seconds since the first rows were painted.
    pub at: f64,
    /// V8 heap in use, bytes.
    pub js_heap: f64,
    /// wasm linear memory, bytes (it never shrinks).
    pub wasm: f64,
    /// Bytes held on the app's heap, and the most held since the previous
    /// sample (NaN from a build without the counting allocator).
    pub heap_held: f64,
    pub heap_peak: f64,
    pub heap_largest: f64,
    /// Live DOM nodes (CDP, text nodes included).
    pub dom_nodes: f64,
    /// Elements in the document.
    pub elements: f64,
}

impl MemorySample {
    pub fn total(&self) -> f64 {
        self.js_heap + self.wasm
    }
}

impl Page {
    /// Garbage-collects, then reads the JS heap, the wasm memory and the DOM size.
    pub async fn memory(&self) -> Result<MemorySample, String> {
        let client = &self.browser.client;
        cdp::collect_garbage(client).await?;
        let js_heap = cdp::js_heap_used(client).await?;
        let dom_nodes = cdp::dom_nodes(client).await?;
        let view = self.view().await?;
        Ok(MemorySample {
            at: self.since_load(),
            js_heap,
            wasm: view.wasm_memory.unwrap_or(f64::NAN),
            heap_held: view.heap_held.unwrap_or(f64::NAN),
            heap_peak: view.heap_peak.unwrap_or(f64::NAN),
            heap_largest: view.heap_largest.unwrap_or(f64::NAN),
            dom_nodes,
            elements: view.elements,
        })
    }
}

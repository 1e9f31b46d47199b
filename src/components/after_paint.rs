//! Work that can wait for the next paint.
//!
//! Redrawing the five charts costs several times more than updating the
//! numbers (plotters SVG, then the browser parses and lays it out). Done in
//! the input handler it held every keystroke for tens of milliseconds; done
//! here, the numbers paint in the frame after the input and the charts
//! follow in the next one, at most once a frame however fast the input.

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// A counter that ticks once after the page first paints, then once after
/// the next paint that follows any change `watch` tracks; changes before
/// that paint share one tick.
pub fn after_next_paint(watch: impl Fn() + 'static) -> ReadSignal<u32> {
    let (tick, set_tick) = signal(0u32);
    let pending = Rc::new(Cell::new(false));
    Effect::new(move |_| {
        watch();
        if pending.replace(true) {
            return;
        }
        let pending = pending.clone();
        request_animation_frame(move || {
            // A task queued from a frame callback runs after that frame paints.
            set_timeout(
                move || {
                    pending.set(false);
                    set_tick.try_update(|t| *t = t.wrapping_add(1));
                },
                Duration::ZERO,
            );
        });
    });
    tick
}

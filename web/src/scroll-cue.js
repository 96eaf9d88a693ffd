// A cue for a box that scrolls sideways (the grade matrix on a phone): a line saying there is more, and a
// shade on the edge that hides it, both gone when everything fits.

export function createScrollCue(scroller, cue) {
  const column = scroller.parentElement;

  function update() {
    const hidden = scroller.scrollWidth - scroller.clientWidth;
    const more = hidden > 2;
    const atEnd = scroller.scrollLeft >= hidden - 2;
    cue.hidden = !more;
    cue.textContent = atEnd ? '← Scroll back for the first columns' : 'Scroll sideways for more questions →';
    column.classList.toggle('more-right', more && !atEnd);
    column.classList.toggle('more-left', more && scroller.scrollLeft > 2);
  }

  scroller.addEventListener('scroll', update, { passive: true });
  new ResizeObserver(update).observe(scroller);
  return { update };
}

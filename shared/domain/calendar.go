package domain

import "time"

// A lawyer's next open slot (Lawyer.NextOpenSlot) is kept on the profile
// by the writes that hold, free or publish slots, so that matching needs
// no query of the slots. These decide it; the writes condition on the
// profile's SlotsVersion as read.

// StoredNext is the next open slot the profile holds, nil when there is
// none or it has begun.
func (l Lawyer) StoredNext(now time.Time) *Slot {
	if n := l.NextOpenSlot; n != nil && n.Start.After(now) {
		return n
	}
	return nil
}

// NextAfterHold is the lawyer's next open slot once the slot at start is
// held: the stored one when it is still ahead and is not that slot; else
// it must be read from the slots (find: FirstOpenSlot passing over start).
func (l Lawyer) NextAfterHold(start, now time.Time) (next *Slot, find bool) {
	next = l.StoredNext(now)
	if next == nil || next.Start.Equal(start) {
		return nil, true
	}
	return next, false
}

// NextAfterFree is the lawyer's next open slot once slot freed is open
// again: the sooner of it (when ahead) and the stored one.
func (l Lawyer) NextAfterFree(freed Slot, now time.Time) *Slot {
	next := l.StoredNext(now)
	if freed.Start.After(now) && (next == nil || freed.Start.Before(next.Start)) {
		f := freed
		f.Status, f.BookingID, f.QuestionID = SlotOpen, "", ""
		next = &f
	}
	return next
}

// NextChanged reports whether next differs from the stored next open
// slot (the index must then be written, not only the version bumped).
func (l Lawyer) NextChanged(next *Slot) bool { return !SameSlot(l.NextOpenSlot, next) }

// SameSlot reports whether a and b are the same slot (both nil counts).
func SameSlot(a, b *Slot) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Start.Equal(b.Start) && a.Minutes == b.Minutes
}

//! Complaint and cancellation letters drafted from a report's findings (not written yet: the
//! module exists so the flow bytes → import → analysis → letters → ui has its place).

"""The chronology screen's happening keys (``b`` break out, ``J`` join, ``C`` confirm grouping,
``B`` promote a background row or send a row to the background, ``R`` regroup everything):
a mixin of :class:`~eventdb.tui.screens_main.ChronologyScreen`, calling
:class:`~eventdb.services.happenings.HappeningCuration` (one change each, ``u`` undoes it)."""

from __future__ import annotations

from textual import work

from eventdb.services.happenings import HappeningCuration, regroup_all


class HappeningActions:
    """Needs the screen's ``curation``, ``view``, ``selected`` and ``_act``."""

    @property
    def happenings(self) -> HappeningCuration:
        curation = self.curation  # type: ignore[attr-defined]
        return HappeningCuration(curation.db, curation.curator)

    def action_split_report(self) -> None:
        row = self.view.current  # type: ignore[attr-defined]
        if row is not None:
            self._act("Breaking out…", self.happenings.split_event, row.id,  # type: ignore[attr-defined]
                      focus=row.id, extra=" · u to undo")

    def action_confirm_happening(self) -> None:
        row = self.view.current  # type: ignore[attr-defined]
        if row is not None:
            self._act("Confirming the grouping…", self.happenings.confirm_event, row.id,  # type: ignore[attr-defined]
                      focus=row.id, extra=" · u to undo")

    def action_join_happenings(self) -> None:
        row = self.view.current  # type: ignore[attr-defined]
        selected = sorted(set(self.selected) - {row.id}) if row is not None else []  # type: ignore[attr-defined]
        if row is None or not selected:
            self.notify("Select the events to join (space), then put the cursor on the one "  # type: ignore[attr-defined]
                        "to join them to and press J", severity="warning")
            return
        self._clear_selection_after = True  # type: ignore[attr-defined]
        self._act(f"Joining {len(selected)} events…", self.happenings.join_events,  # type: ignore[attr-defined]
                  selected, row.id, focus=row.id, extra=" · u to undo")

    def action_toggle_background(self) -> None:
        """``B``: the cursor's row decides: a background row is promoted, a shown one is sent
        to the background; with a selection, every selected row goes the same way."""
        row = self.view.current  # type: ignore[attr-defined]
        if row is None:
            return
        ids = sorted(self.selected) if self.selected else [row.id]  # type: ignore[attr-defined]
        promote = row.background
        verb = "Promoting" if promote else "Sending to the background"
        if self.selected:  # type: ignore[attr-defined]
            self._clear_selection_after = True  # type: ignore[attr-defined]
        self._act(f"{verb} {len(ids)} row{'s' if len(ids) > 1 else ''}…",  # type: ignore[attr-defined]
                  self.happenings.set_background, ids, not promote, focus=row.id,
                  extra=" · u to undo")

    def action_regroup(self) -> None:
        """``R``: ``eventdb regroup`` from the TUI, after a question (it moves many rows and
        ``u`` does not undo it; the curators' decisions stay), with its progress shown."""
        from eventdb.tui.screens_confirm import ConfirmDialog

        def answered(note: str | None) -> None:
            if note is not None:
                self.set_busy("Regrouping…")  # type: ignore[attr-defined]
                self._regroup()

        self.app.push_screen(ConfirmDialog(  # type: ignore[attr-defined]
            "Regroup the whole chronology?",
            ["the machine's grouping of every report is computed again, as ingest would with "
             "today's rules; reports you placed, joined or confirmed stay where they are",
             "u does not undo it (run it again after a rule change; nothing a curator did is lost)"],
            go="enter regroup · esc cancel"), answered)

    @work(thread=True, exclusive=True, group="regroup", exit_on_error=False)
    def _regroup(self) -> None:
        app = self.app  # type: ignore[attr-defined]

        def progress(done: int, total: int) -> None:
            app.call_from_thread(self.set_busy, f"Regrouping… {done:,}/{total:,} articles")  # type: ignore[attr-defined]

        try:
            reports, happenings = regroup_all(self.curation.db, progress)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - a refusal is a message, not a crash
            from eventdb.tui.screens_dialogs import _error_text

            app.call_from_thread(self._action_failed, _error_text(exc))  # type: ignore[attr-defined]
            return
        app.call_from_thread(self._regrouped, reports, happenings)

    def _regrouped(self, reports: int, happenings: int) -> None:
        self.set_busy("")  # type: ignore[attr-defined]
        self.notify(f"{reports:,} reports regrouped; {happenings:,} happenings",  # type: ignore[attr-defined]
                    title="Regrouped", timeout=10)
        self.action_reload()  # type: ignore[attr-defined]

"""The command palette (``ctrl+p``): every action of the chronology screen, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from eventdb.tui.keys import KEYS, Key


def _help(key: Key) -> str:
    shown = key.display or " ".join(key.keys.split(","))
    return f"key: {shown}"


class CurationCommands(Provider):
    """Offers each key of ``keys.KEYS`` on the chronology screen."""

    def _keys(self) -> list[Key]:
        from eventdb.tui.screens_main import ChronologyScreen

        if not isinstance(self.screen, ChronologyScreen):
            return []
        return [k for k in KEYS if k.palette]

    def _run(self, key: Key):  # noqa: ANN202
        return partial(self.screen.run_action, key.action)

    async def discover(self) -> Hits:
        for key in self._keys():
            yield DiscoveryHit(key.description, self._run(key), help=_help(key))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for key in self._keys():
            score = max(matcher.match(key.description), matcher.match(key.label))
            if score > 0:
                yield Hit(score, matcher.highlight(key.description), self._run(key),
                          help=_help(key))

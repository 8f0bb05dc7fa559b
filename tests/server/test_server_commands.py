"""The account and demo commands on a real SQLite file: the first supervisor comes from the CLI."""

from __future__ import annotations

import io
import sys

from server_harness import SAMPLES

from server.auth import Accounts
from server.cli import main
from server.demo_feeder import DEMO_CALLS, pick_demo_calls
from server.store import SqliteStore


def test_users_create_and_list(tmp_path, monkeypatch, capsys):
    db = tmp_path / "users.sqlite3"
    args = ["users", "create", "--username", "chief", "--role", "supervisor", "--db", str(db)]
    assert main([*args, "--password", "s3cret-pass"]) == 0
    assert "created supervisor chief" in capsys.readouterr().out
    # Password from stdin when piped (no echo, not in the process list).
    monkeypatch.setattr(sys, "stdin", io.StringIO("other-pass\n"))
    assert (
        main(["users", "create", "--username", "d1", "--role", "dispatcher", "--db", str(db)]) == 0
    )
    assert main([*args, "--password", "again-pass"]) == 2  # duplicate: a clear error
    assert "exists" in capsys.readouterr().err
    assert main(["users", "list", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == ["chief\tsupervisor", "d1\tdispatcher"]
    store = SqliteStore(db)
    assert Accounts(store).login("d1", "other-pass") is not None
    assert Accounts(store).login("chief", "wrong") is None
    store.close()


def test_demo_feeds_its_chosen_samples_in_order():
    chosen = pick_demo_calls(SAMPLES)
    assert [path.stem for path in chosen] == list(DEMO_CALLS)
    assert all(path.with_suffix(".json").is_file() for path in chosen)


def test_serve_on_an_empty_database_says_how_to_create_the_first_account(tmp_path):
    from server.commands.serve import first_account_hint

    db = tmp_path / "fresh.sqlite3"
    hint = first_account_hint(db)
    assert hint is not None
    assert f"triage users create --username chief --role supervisor --db {db}" in hint
    assert main(["users", "create", "--username", "chief", "--role", "supervisor",
                 "--db", str(db), "--password", "s3cret-pass"]) == 0  # fmt: skip
    assert first_account_hint(db) is None

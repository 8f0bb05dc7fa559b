"""classify_stream with the real classifier: answers each line in order, even one at a time."""

from __future__ import annotations

import io
import json
import os
import threading

from server.commands.classify import classify_stream


def test_an_interactive_client_gets_each_answer_before_sending_the_next(classifier):
    read_fd, write_fd = os.pipe()
    inbound = os.fdopen(read_fd, "r", encoding="utf-8")
    outbound = os.fdopen(write_fd, "w", encoding="utf-8")
    answers = io.StringIO()
    worker = threading.Thread(target=classify_stream, args=(classifier, inbound, answers, 32))
    worker.start()
    for n, text in enumerate(["cháy nhà to lắm", "tôi gọi nhầm số"]):
        outbound.write(json.dumps({"n": n, "text": text}, ensure_ascii=False) + "\n")
        outbound.flush()
        # The batch must not wait for 32 lines: the answer comes while the pipe stays open.
        for _ in range(200):
            if answers.getvalue().count("\n") == n + 1:
                break
            threading.Event().wait(0.05)
        assert answers.getvalue().count("\n") == n + 1
    outbound.close()
    worker.join(timeout=30)
    inbound.close()
    outputs = [json.loads(line) for line in answers.getvalue().splitlines()]
    assert [o["n"] for o in outputs] == [0, 1]
    assert outputs[1]["incident_type"] == "non_emergency"

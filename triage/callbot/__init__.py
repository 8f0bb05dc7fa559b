"""The callbot: answers overflow calls in Vietnamese, gathers the facts and hands off to a human.

Pure policy and per-call logic; the server glue that sends its audio lives in server/.
"""

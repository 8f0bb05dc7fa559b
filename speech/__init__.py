"""Speech: turns call audio into timed Vietnamese text.

Knows nothing of HTTP, queues or classification; other layers import it, never the reverse.
"""

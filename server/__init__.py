"""Server: the only layer that knows HTTP, websockets, WebRTC and the command line.

It owns the process: it reads settings, loads models once and passes them down.
"""

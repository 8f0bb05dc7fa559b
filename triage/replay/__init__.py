"""Analysts' replay: recorded calls through the live CallPipeline, measured and reported.

Pure logic over files and models passed in; never opens sockets or the server's database.
"""

"""What builds the triage models: corpus, training, conversion, evaluation, the default build.

Never imported by the running service: classifiers/ (the runtime) loads what this package wrote.
"""

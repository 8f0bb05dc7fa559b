"""The labelled corpus of Vietnamese caller speech: scenario templates, generator, ASR variants.

Data only: nothing here trains a model; `python -m classifiers.corpus.generate` rebuilds data/.
"""

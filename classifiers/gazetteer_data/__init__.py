"""Tables of the offline address gazetteer (TSV files beside this module) and their build script.

Data only: nothing here is imported at run time except the path of this folder.
"""

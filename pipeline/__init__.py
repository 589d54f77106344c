"""The guide's pipeline: build, catalogues, publish, merge and the locked toolchain.

Each stage is one module; ``guide`` (:mod:`pipeline.cli`) is their one command line.
"""

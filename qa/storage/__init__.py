"""The storage contract and its backends (the local folder, PostgreSQL).

The only package that imports faiss, bm25s or psycopg.
"""

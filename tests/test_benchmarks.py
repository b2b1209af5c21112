"""The warm benchmark (benchmarks/run.py) on the session's index: one pass, against the stock
LangChain recipe in the same run. Figures are printed by the benchmark, not asserted here."""
from benchmarks import run


def test_warm_benchmark_times_ours_and_the_langchain_recipe(assistant):
    result = run.warm(1, assistant)
    questions = len(run.questions())
    assert result["questions"] == questions and result["ask_ms"]["n"] == questions
    assert result["langchain_recipe_ms"]["n"] == questions
    assert 0 < result["ask_ms"]["p50"] <= result["ask_ms"]["p95"] <= result["ask_ms"]["p99"]
    # article lookups, metadata and duties questions answer without retrieval
    assert 100 < result["searched_questions"] < questions
    stages = result["stages_ms_median"]
    assert set(stages) == {"normalise", "lexical", "dense_embed", "vector_search", "fuse", "compose"}
    assert stages["dense_embed"] > stages["vector_search"] > 0
    assert result["speedup_vs_langchain_p50"] > 0
    assert "search" not in vars(assistant.searcher)  # the benchmark's counter is gone again
    assert assistant.ask("第八条").articles == [8]


def test_static_vector_benchmark_ranks_with_both_vectors(assistant):
    """benchmarks/static_vectors.py on a small table (the index's words only) and 40 questions:
    every ranking is scored and the gate's figures are shares."""
    from benchmarks import static_vectors

    result = static_vectors.measure(assistant, min_frequency=10 ** 9, english_min=10 ** 9, limit=40)
    assert result["questions"] == 40 and result["table_words"] == len(assistant.index.lexical.doc_freq)
    hits = result["hit_at_1"]
    assert set(hits) == {"e5", "static", "e5_fused", "static_fused", "lexical", "gated"}
    assert all(0 <= v <= 1 for v in hits.values()) and hits["e5_fused"] > 0.5
    assert 0 <= result["gate"]["fires"] <= 1 and result["query_ms_p50"]["static"] > 0
    assert "| BM25 + e5" in static_vectors.report(result)

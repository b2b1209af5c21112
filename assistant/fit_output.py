"""What `assistant decision fit` writes and prints: the reviewed decision file (decision.json) that
answering reads, and the report of the held-out figures."""
from __future__ import annotations

import json
from pathlib import Path

from .decision import VERSION
from .fit import MAX_FALSE_REFUSALS, Fitted


def specification(fitted: Fitted, embedder: str, figures: dict, sets: dict, points: list[dict] = ()) -> dict:
    scaler, model = fitted.evidence
    spec = {
        "version": VERSION,
        "about": "Answer/decline model written by 'assistant decision fit'; see assistant/decision.py.",
        "embedder": embedder,
        "threshold": round(fitted.threshold, 6),
        "max_false_refusals": MAX_FALSE_REFUSALS,
        "evidence": {
            "features": list(fitted.features),
            "weights": [round(float(w), 6) for w in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 6),
            "mean": [round(float(m), 6) for m in scaler.mean_],
            "scale": [round(float(s), 6) for s in scaler.scale_],
            "centred": fitted.centring,
        },
        "text": None,
        "figures": {"held_out": figures, "operating_points": list(points), "trained_on": sets},
    }
    if fitted.text is not None:
        vectorizer, text_model = fitted.text
        names = vectorizer.get_feature_names_out()
        weights = text_model.coef_[0]
        spec["text"] = {
            "vocabulary": {str(g): i for i, g in enumerate(names)},
            "idf": [round(float(v), 6) for v in vectorizer.idf_],
            "ngram_weights": [round(float(w), 6) for w in weights[: len(names)]],
            "embedding_weights": [round(float(w), 6) for w in weights[len(names):]],
            "embedding_scale": 1.0,
            "embedding_mean": round(fitted.embedding_mean, 6),
            "intercept": round(float(text_model.intercept_[0]), 6),
        }
    return spec


def write(spec: dict, path: Path) -> None:
    """Readable where a reviewer reads (weights, figures); the n-gram table one line per field."""
    from . import files

    body = json.dumps({**spec, "text": None, "articles": None}, ensure_ascii=False, indent=1)
    for key in ("text", "articles"):
        if spec.get(key):
            fields = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in spec[key].items())
            body = body.replace(f'"{key}": null', f'"{key}": {{\n' + fields + "\n }")
    files.write_text(Path(path), body + "\n")



def markdown(report: dict) -> str:
    lines = []
    if report.get("article prior"):
        from .prior_fit import summary

        lines += [summary(report["article prior"]), ""]
    for path, figures in report.items():
        if path == "article prior":
            continue
        lines += [f"{path} — each set scored by a model fitted without it:", "",
                  "| held-out set | questions | in scope | out of scope | AUC | false refusals | correct declines |",
                  "|---|---|---|---|---|---|---|"]
        for name, m in figures["held_out"].items():
            lines.append(f"| {name} | {m['questions']} | {m['in_scope']} | {m['out_of_scope']} | "
                         f"{m['auc']} | {m['false_refusals']} | {m['correct_declines']} |")
        lines.append("")
        if figures.get("operating_points"):
            lines += ["Pooled held-out trade-off (the model's operating point: at most "
                      f"{MAX_FALSE_REFUSALS:.0%} declined):", "",
                      "| false-refusal budget | threshold | false refusals | correct declines |", "|---|---|---|---|"]
            lines += [f"| {p['max_false_refusals']} | {p['threshold']:.3f} | {p['false_refusals']} | "
                      f"{p['correct_declines']} |" for p in figures["operating_points"]]
            lines.append("")
    return "\n".join(lines)

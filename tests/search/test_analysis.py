"""The analysis pipeline's fast paths must give what the plain definitions give."""

import unicodedata

import pytest

from search import analysis


@pytest.mark.parametrize(
    "text",
    [
        "锂电池隔膜，孔隙率４５％（中试）",
        "ＭＬＣＣ　介质粉体",
        "Ａ\u0301，",  # a full-width letter followed by a combining accent composes after mapping
        "e\u0301 café",
        "ｶﾞｽ ①２③ ㍻ ﬁber",
        "plain ascii",
        "",
    ],
)
def test_nfkc_is_unicode_nfkc(text):
    assert analysis.nfkc(text) == unicodedata.normalize("NFKC", text)


def test_only_traditional_clauses_are_converted():
    assert analysis.to_simplified("鋰電池隔膜。程序设计") == "锂电池隔膜。程序设计"
    assert analysis.to_simplified("軟體開發") == "软件开发"
    assert analysis.to_simplified("计算机程序") == "计算机程序"  # mainland wording is left alone
    assert analysis.to_simplified("x\U0002a6a5") == "x\U0002a6a5"  # an astral character t2s keeps


@pytest.mark.parametrize(
    "text",
    [
        "湿法锂离子电池隔膜制备技术，孔隙率高",
        "MLCC 介质材料与 MEMS 传感器；lithium-ion battery separators",
        "鋰電池正極材料的包覆改性工藝",
        "Ultrasonic gas flow meters for natural gas pipelines",
        "5G基站 用 GaAs 功率放大器 3.5 GHz",
    ],
)
def test_terms_are_the_terms_of_tokens(text):
    analyzer = analysis.default()
    assert analyzer.terms(text) == [token.term for token in analyzer.tokens(text)]
    assert analyzer.terms(analyzer.fold(text), folded=True) == analyzer.terms(text)


def test_a_lexicon_word_cut_by_segmentation_is_still_a_term():
    assert "锂离子电池" in analysis.default().terms("锂离子电池隔膜")


def test_highlight_merges_overlapping_forms_and_matches_english_at_word_starts():
    pieces = analysis.highlight("高能量锂电池", ["锂电", "电池"])
    assert pieces == [("高能量", False), ("锂电池", True)]
    marked = [text for text, hit in analysis.highlight("biogas and gas meters", ["gas"]) if hit]
    assert marked == ["gas"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("锂电池隔膜", "zh"),
        ("RISC-V芯片设计", "zh"),
        ("MLCC 介质材料，介电常数稳定", "zh"),
        ("鋰電池正極材料", "zh"),
        ("Lithium battery separator", "en"),
        ("Optical gas imaging for VOC leak detection (红外)", "en"),
        ("", "en"),
    ],
)
def test_language(text, expected):
    assert analysis.language(text) == expected


def test_an_english_word_in_chinese_text_forms_one_concept_with_its_translations():
    a = analysis.default()
    ((chunk, concepts),) = a.query_plan("ADC药物")
    assert concepts[0] == ["药物"]  # what the user wrote comes first and stays its own concept
    assert "adc" in concepts[1] and "抗体偶联药物" in concepts[1] and "药物" not in concepts[1]


def test_a_chinese_word_and_the_words_inside_it_form_one_concept():
    a = analysis.default()
    ((_, concepts),) = a.query_plan("光伏清扫机器人")
    assert ["光伏"] in concepts and ["清扫"] in concepts
    assert sorted(next(c for c in concepts if "机器人" in c)) == ["机器", "机器人"]


@pytest.mark.parametrize("text", ["CMOS", "cmos", "MEMS"])
def test_acronyms_ending_in_s_find_their_lexicon_entry_whatever_the_case(text):
    """All-caps acronyms keep their final s (MEMS is no plural) while lexicon keys are plural-stripped."""
    a = analysis.default()
    ((_, concepts),) = a.query_plan(text)
    expected = "互补金属氧化物半导体" if text.lower() == "cmos" else "微机电系统"
    assert expected in concepts[0]

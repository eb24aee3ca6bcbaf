"""Patterns and word lists the identity scan shares: placeholders, addresses, venues, dates,
institutions, names, grants."""
from __future__ import annotations

import re


PLACEHOLDER = re.compile(
    r"anonymous|anonymized|anonymised|\bblind review\b|double[- ]blind|author\(s\)|\bwithheld\b|\bredacted\b"
    r"|^\s*(affiliation|address|e-?mail|institution|author names?|authors?)\s*\d*\s*$|匿名",
    re.I,
)
PLACEHOLDER_EMAIL = re.compile(
    r"^anon|anonym|@(?:[\w-]+\.)*(?:example|domain|email|mail|institution|university|affiliation|anon[\w-]*)"
    r"\.(?:com|org|net|edu)$|^(?:you|your|yourname|author|name|first\.last|firstname\.lastname|email|user"
    r"|username|someone|jdoe|john\.doe|jane\.doe)@(?:example|domain)|^(?:git|noreply|no-reply)@",
    re.I,
)
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# "{jane.doe,riyer}@stanford.edu" and "{jane, rahul}@cs.stanford.edu"
BRACE_EMAILS = re.compile(r"\{([^{}@\n]{1,300})\}\s*@\s*([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
# "jane [at] stanford [dot] edu", "jane(at)stanford.edu": addresses written to fool scrapers
OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*\s*(?:[\[({<]\s*at\s*[\])}>]|\s+at\s+)\s*[A-Za-z0-9-]+"
    r"(?:\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+|\.)\s*[A-Za-z0-9-]+)*"
    r"\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+|\.)\s*(?:com|org|net|edu|ac|io|ai|[a-z]{2})\b",
    re.I,
)
# "<xuelong li@ieee.org>": an address the PDF drew with a space for an underscore
BRACKET_EMAIL = re.compile(r"<([^<>@\n]{1,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>")
# run on lower-cased text (Stream.lower): a URL with its scheme or "www.", a host with a path, or a
# bare host ("janedoe.github.io", "mlgroup.cs.example.edu"), which the paper's words must claim
# before it is anyone's (see identity.links)
BARE_HOST_TLDS = r"(?:com|org|net|io|co|ai|edu|dev|app|science|page|site|info|(?:ac|edu|gov|org)\.[a-z]{2})"
URL_TEXT = re.compile(
    r"(?:https?://|www\.)[^\s<>\"{}|\\^`]+"
    r"|(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|ai|edu|dev|app|me|science|page|site|info|ms)"
    r"/[^\s<>\"{}|\\^`]*"
    r"|(?<![\w@./-])(?=[a-z0-9-]*[a-z])(?:[a-z0-9-]+\.)+" + BARE_HOST_TLDS
    + r"(?:/[^\s<>\"{}|\\^`]*|(?![\w@-])(?!\.[a-z0-9]))"
)
ORCID = re.compile(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b")
# in every URL_TEXT match (on lower-cased text), EMAIL match and ORCID match: found by a quick scan, they
# say which words those patterns need to be tried in (identity.text.finditer_in_words)
URL_HINT = re.compile(r"://|www\.|\.(?:com|org|net|io|co|ai|edu|dev|app|me|science|page|site|info|ms|ac|gov)")
EMAIL_HINT = re.compile("@")
ORCID_HINT = re.compile(r"-\d{4}-")
HOME_PATH = re.compile(r"(?:/Users/|/home/|[A-Za-z]:\\Users\\|/mnt/c/Users/)([^/\\\s]+)")
GENERIC_ACCOUNTS = {"runner", "root", "user", "ubuntu", "admin", "administrator", "builder", "build", "vscode",
                    "jovyan", "overleaf", "docker", "ci", "travis", "circleci", "public", "shared", "default",
                    "guest", "sharelatex", "latex", "tex", "runneradmin"}
GENERIC_AUTHOR = re.compile(
    r"^(?:.*\banonym.*|.*\bsubmission\s*#?\d+.*|anon\b.*|authors?|author names?|your name|name|unknown|user\d*|owner"
    r"|admin(?:istrator)?|root"
    r"|default|none|null|n/?a|-+|microsoft office user|windows user|mac user|.*\bauthor\(s\)"
    r"|(?:paper|submission)\s*(?:id|#|no\.?|number)?\s*#?\d+|overleaf|latex|pdftex|tex)$",
    re.I,
)

VENUE = re.compile(
    r"conference|workshop|symposium|proceedings|submitted|submission|under review|preprint|draft|camera[- ]ready"
    r"|do not distribute|arxiv|copyright|journal|transactions|\b(?:ICLR|ICML|NeurIPS|NIPS|CVPR|ICCV|ECCV|ACL"
    r"|EMNLP|NAACL|AAAI|IJCAI|KDD|TMLR|JMLR|COLM|UAI|AISTATS|CoRL|RSS|IROS|ICRA|WACV|BMVC|MICCAI|SIGIR|WWW)\b"
    r"|会议|期刊|初稿|审阅",
    re.I,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}\b"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b|^\s*{_MONTHS}\s+\d{{4}}\s*$|^\s*\d{{4}}\s*$|\d+\s*[年月日]",
    re.I,
)
INSTITUTION = re.compile(
    r"\b(?:universit(?:y|ies|ät|at|é|à|e|ad|ade|eit|ario)|univ\b\.?|institut(?:e|o|ion|es)?|college|school of"
    r"|department|dept\b\.?|faculty|laborator(?:y|ies|ium)|labs?\b|research (?:center|centre|institute|lab|labs|group"
    r"|hub|division)|centre|center for|academy|hospital|foundation|polytechnic|politecnico|[ée]cole|inc\b\.?$"
    r"|ltd\b\.?|llc|gmbh|corporation|corp\b\.?|google|deepmind|microsoft|openai|anthropic|nvidia|amazon|facebook"
    r"|alibaba|tencent|baidu|bytedance|huawei|samsung|salesforce|adobe)\b"
    r"|大学|研究所|研究院|学院|实验室|公司",
    re.I,
)
# acronyms that only count when written in capitals
INSTITUTION_ACRONYM = re.compile(
    r"\b(?:MIT|ETH|EPFL|CMU|UCLA|UCSD|UCL|NYU|KAIST|INRIA|CNRS|CSAIL|MILA|MPI|KAUST|NUS|NTU|HKUST|USTC|IBM|FAIR"
    r"|IIT|IISc|ELLIS|RIKEN|A\*STAR|Meta AI|Apple)\b"
)
ADDRESS = re.compile(
    r"\b(?:USA|U\.S\.A\.|United States|UK|U\.K\.|United Kingdom|Canada|China|P\.\s?R\.\s?China|Germany|France|Japan"
    r"|Korea|India|Singapore|Switzerland|Netherlands|Australia|Brazil|Italy|Spain|Israel|Sweden|Denmark|Norway"
    r"|Finland|Austria|Belgium|Poland|Portugal|Ireland|Hong Kong|Taiwan|Russia|Turkey|Iran|Pakistan|Egypt|Mexico"
    r"|Chile|Argentina|South Africa|New Zealand|Greece|Czech Republic|Hungary|Romania|Vietnam|Thailand"
    r"|Malaysia|Indonesia|Nigeria|Kenya|Saudi Arabia|UAE|Qatar)\b|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
)
AUTHOR_FOOTNOTE_CUE = re.compile(
    r"correspond|equal contribution|contributed equally|equally contribut|work (?:was )?done|internship|intern at"
    r"|affiliat|e-?mail|project lead|senior author|now at|currently at|visiting|supported by|funded by|grant"
    r"|thank",
    re.I,
)
CAPTION = re.compile(r"^\s*(?:figure|fig\.|table|algorithm|listing)\s*[\dA-Z]+[.:]", re.I)
ABSTRACT_START = re.compile(r"^\s*(?:a\s?b\s?s\s?t\s?r\s?a\s?c\s?t|摘\s*要|r[ée]sum[ée])\b\s*[.:—–-]?", re.I)
FUNCTION_WORDS = {"the", "of", "and", "to", "in", "we", "is", "a", "for", "that", "with", "on", "this", "are",
                  "by", "as", "our", "from", "which", "be", "it", "can", "an", "these", "their", "its", "not"}

# Capitalised words that are not person names (author-block and acknowledgment heuristics).
NOT_NAME_WORDS = {
    "anonymous", "author", "authors", "affiliation", "address", "email", "paper", "under", "review", "submission",
    "submitted", "conference", "workshop", "proceedings", "preprint", "draft", "abstract", "introduction",
    "university", "institute", "department", "school", "college", "laboratory", "lab", "labs", "research",
    "center", "centre", "faculty", "group", "team", "inc", "ltd", "corp", "company", "foundation", "academy",
    "hospital", "the", "a", "an", "of", "for", "and", "in", "on", "with", "to", "via", "from", "towards",
    "toward", "learning", "neural", "network", "networks", "model", "models", "language", "large", "deep",
    "data", "training", "transformer", "transformers", "analysis", "study", "approach", "method", "methods",
    "benchmark", "using", "through", "beyond", "is", "are", "all", "you", "need", "not", "when", "what", "how",
    "why", "can", "do", "does", "robust", "efficient", "scalable", "optimization", "reinforcement", "attention",
    "generative", "graph", "vision", "image", "images", "text", "video", "speech", "supplementary", "material",
    "appendix", "technical", "report", "extended", "version", "index", "terms", "keywords", "figure", "table",
    "section", "chapter", "part", "contents", "anonymized", "blind", "double", "equal", "contribution",
    "correspondence", "corresponding", "reviewers", "reviewer", "chair", "chairs", "committee", "editor",
    "editors", "organizers", "program", "area", "senior", "we", "our", "this", "that", "these", "thanks",
    "special", "also", "moreover", "finally", "such", "typically", "if", "it", "its", "their", "compute",
    "computing", "funding", "work", "some", "many", "most", "any", "each", "both", "use", "as", "at",
    "by", "or", "but", "grant", "award", "national", "science", "european", "union", "council", "agency",
    "ministry", "office", "fund", "programme", "horizon", "cloud", "platform", "library", "open", "source",
    "community", "project", "projects", "new", "first", "second", "third", "one", "two", "three", "further",
    "independent", "researcher", "student", "professor", "phd", "intelligence", "artificial",
    "computer", "engineering", "sciences", "mathematics", "statistics", "physics", "informatics",
}
NAME_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du", "la", "le",
                  "bin", "ibn", "al", "el", "ten", "ter", "y"}


GRANT = re.compile(
    r"\b(?:grants?|awards?|contracts?|fellowships?|projects?|programmes?|programs?|agreements?)\s+(?:agreement\s+)?"
    r"(?:no\.?|number|nos\.?|#)?\s*:?\s*[A-Z0-9][A-Z0-9/.-]*\d[A-Z0-9/.-]*"
    r"|\b[A-Z]{2,}[-/][A-Z0-9]*\d{4,}[A-Z0-9/-]*\b|\b[A-Z]{1,4}/[A-Z0-9]+/\d+\b|\b\d{6,}\b"
)
FUNDER = re.compile(
    r"\b(?:supported|funded|sponsored|financed|made possible)\s+(?:in\s+part\s+|partly\s+|partially\s+|jointly\s+)?"
    r"by\s+(?:the\s+|a\s+|an\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
    r"|\b(?:support|funding|grant|compute|resources|credits)\s+(?:of|from|by)\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
    r"|\bprovided\s+by\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
)

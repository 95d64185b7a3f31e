"""Render and seal Work Placement Agreements: median and p95 of render, seal and total.

Issue 10: "A bench script renders and seals 50 agreements and prints the median and p95:
median < 500 ms." Each agreement is an HTML document of the real one's size — the force's
name, participant, programme and dates, the protocol's conditions over three to four A4
pages, the signature blocks, and a last page of signature evidence and the document hash —
rendered by WeasyPrint and sealed by vetting.sealing.seal_pdf with a throwaway EC
certificate. See bench/README.md.
"""

import argparse
import hashlib
import io
import logging
import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path

from common import load_average, setup_django, throwaway_database

TARGET_MS = 500

CSS = """
@page { size: A4; margin: 20mm 18mm; @bottom-center { content: "Page " counter(page) " of " counter(pages); } }
body { font-family: sans-serif; font-size: 10.5pt; line-height: 1.45; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1.2em; }
.evidence { page-break-before: always; } table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #555; padding: 4px; font-size: 9pt; vertical-align: top; word-break: break-all; }
.signature { border: 1px solid #333; padding: 8px; margin: 8px 0; }
"""

# The protocol's conditions (seed 001, 3.4-3.6), paraphrased at the agreement's length.
CONDITIONS = [
    (
        "Your placement",
        "You will spend the placement at Kent Police College with the escorting officer named "
        "in your joining instructions, who stays with you throughout and decides what you may see and do.",
    ),
    (
        "Confidentiality",
        "You will not divulge anything you see, hear or read during the placement, including "
        "the names of members of the public, officers or staff, and you will not record or photograph anything.",
    ),
    (
        "Data protection",
        "Kent Police holds the personal data in your application to run your placement and "
        "deletes it when it is no longer needed, in line with its Information Management Policy.",
    ),
    (
        "Situations you will not attend",
        "You will not attend emergency response vehicles, sudden deaths or post "
        "mortems, nor listen to calls from members of the public that could cause you harm or distress.",
    ),
    (
        "Conduct",
        "You will follow the instructions of your escorting officer and the standards of behaviour "
        "explained at your security briefing. The placement may be discontinued without notice where standards "
        "are not met, and your parent or guardian and your school will be told.",
    ),
    (
        "Insurance",
        "Kent Police provides personal accident insurance for your placement: a maximum of £3,500 "
        "death benefit, with a sliding scale for injuries, and clothing and personal effects up to £250. You may "
        "wish to obtain your own additional insurance.",
    ),
]


def agreement_html(number: int) -> str:
    participant = f"Participant {number:03d} Example"
    sections = "".join(
        f"<h2>{index}. {escape(title)}</h2>" + "".join(f"<p>{escape(text)} {escape(text)}</p>" for _ in range(4))
        for index, (title, text) in enumerate(CONDITIONS, start=1)
    )
    signatures = "".join(
        f'<div class="signature"><p>Signed by {escape(name)} ({role}) on 1 July 2027 at 10:{number % 60:02d} UTC</p>'
        f"<p>I have read this agreement and agree to its conditions.</p></div>"
        for name, role in ((participant, "participant"), (f"Guardian of {participant}", "parent or guardian"))
    )
    evidence = "".join(
        f"<tr><td>{role}</td><td>{role}{number}@example.org</td><td>2027-07-01T10:{number % 60:02d}:00Z</td>"
        f"<td>203.0.113.{number % 250}</td><td>Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0</td>"
        f"<td>{hashlib.sha256(f'{role}{number}'.encode()).hexdigest()}</td></tr>"
        for role in ("participant", "guardian")
    )
    return (
        f"<html><head><style>{CSS}</style></head><body>"
        f"<h1>Kent Police: Work Placement Agreement</h1>"
        f"<p><strong>{escape(participant)}</strong>, Work experience: Summer week 2027, 19 to 23 July 2027. "
        f"Agreement version 3.</p>{sections}<h2>Signatures</h2>{signatures}"
        f'<section class="evidence"><h2>Evidence of signature</h2><table><tr><th>Role</th><th>Email</th>'
        f"<th>Time</th><th>IP</th><th>Browser</th><th>SHA-256 of the text shown</th></tr>{evidence}</table>"
        f"<p>SHA-256 of the agreement text: {hashlib.sha256(sections.encode()).hexdigest()}</p></section>"
        f"</body></html>"
    )


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50)
    args = parser.parse_args()
    setup_django()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its progress, page by page
    import weasyprint
    from django.test import override_settings
    from pyhanko.pdf_utils.reader import PdfFileReader

    from vetting.seal_certificate import make_certificate
    from vetting.sealing import seal_pdf, verify_pdf

    with tempfile.TemporaryDirectory() as directory, throwaway_database():
        key, cert = make_certificate(Path(directory), common_name="Kent Placements seal (bench)")
        with override_settings(AGREEMENT_SEAL_KEY=str(key), AGREEMENT_SEAL_CERT=str(cert)):
            weasyprint.HTML(string=agreement_html(0)).write_pdf()  # warm: fonts and the CSS are loaded once
            render, seal, total, cpu = [], [], [], []
            for number in range(1, args.documents + 1):
                started, cpu_started = time.perf_counter(), time.process_time()
                pdf = weasyprint.HTML(string=agreement_html(number)).write_pdf()
                rendered = time.perf_counter()
                sealed = seal_pdf(pdf, reason="Work Placement Agreement issued by Kent Police")
                done = time.perf_counter()
                render.append((rendered - started) * 1000)
                seal.append((done - rendered) * 1000)
                total.append((done - started) * 1000)
                # this process's CPU time: what the figures would be on a machine with a CPU to spare
                cpu.append((time.process_time() - cpu_started) * 1000)
            checked = verify_pdf(sealed)
    pages = PdfFileReader(io.BytesIO(sealed)).root["/Pages"]["/Count"]

    print(load_average())
    print(f"{args.documents} agreements, {pages} A4 pages and {len(sealed):,} bytes each (the last one)")
    for name, values in (("render", render), ("seal", seal), ("total", total), ("CPU", cpu)):
        print(f"{name:>7}: median {statistics.median(values):6.1f} ms   p95 {percentile(values, 0.95):6.1f} ms")
    problems = []
    if not (checked.sealed_here and checked.intact):
        problems.append(f"the last sealed agreement does not verify: {checked.summary}")
    if statistics.median(total) > TARGET_MS:
        problems.append(f"median total over {TARGET_MS} ms (CPU time is the figure a busy machine does not skew)")
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading a report's tables back, to compare them with the charts and the figures (tests only)."""

import re


def rows(html, caption):
    """(heading, cells) of each body row of the table with this caption."""
    table = re.search(rf"<caption>{caption}</caption>(.*?)</table>", html, re.S).group(1)
    body = table.split("<tbody>")[1]
    return [
        (
            re.sub(r"<.*?>", "", th).strip(),
            [re.sub(r"<.*?>", "", td).strip() for td in re.findall(r"<td>(.*?)</td>", tr, re.S)],
        )
        for th, tr in re.findall(r'<tr>\s*<th scope="row">(.*?)</th>(.*?)</tr>', body, re.S)
    ]

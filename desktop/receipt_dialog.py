"""What happened to a returned package, in plain words: the answers taken, the states they
moved assets to, the rows left out and why. For a package refused because of row problems
it lists every problem and offers to take only the valid rows."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout

from assets.ownership import state_label


class ReceiptDialog(QDialog):
    """Either a receipt (``report`` given) or a refusal (``problems`` given).

    For a refusal, ``accepted`` means the user chose to take the valid rows only."""

    def __init__(self, parent=None, *, report=None, problems=None, org_name: str = "", file_name: str = ""):
        super().__init__(parent)
        self.report = report
        self.refusal = report is None
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)
        messages = [str(p) for p in (problems if self.refusal else report.problem_messages)]
        self.problem_list.addItems(messages)
        buttons = QDialogButtonBox()
        if self.refusal:
            self.setWindowTitle(self.tr("The package was not received"))
            self.summary.setText(self.tr(
                "{file} has {n} problem(s) and was not received; nothing was changed. You may take only the valid "
                "rows and leave these out, or send the package back to be corrected.").format(
                file=file_name, n=len(messages)))
            self.accept_button = buttons.addButton(self.tr("Accept the valid rows"), QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(self.tr("Do not receive"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.setWindowTitle(self.tr("Package received"))
            self.summary.setText(self._report_text(report, org_name))
            self.accept_button = None
            buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.AcceptRole)
        if messages:
            heading = self.tr("Problems") if self.refusal else self.tr("Rows left out")
            layout.addWidget(QLabel(f"<b>{heading}（{len(messages)}）</b>"))
            layout.addWidget(self.problem_list)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 380 if messages else 200)

    def _report_text(self, report, org_name: str) -> str:
        a = report.answers
        lines = [self.tr("<b>{org}</b>: campaign {campaign}, version {version}, {rows} rows.").format(
                     org=org_name or report.org_code, campaign=report.campaign_id, version=report.version,
                     rows=report.rows),
                 self.tr("Answers: yes {yes}, no {no}, unsure {unsure}, blank {blank}.").format(
                     yes=a.get("yes", 0), no=a.get("no", 0), unsure=a.get("unsure", 0), blank=a.get("blank", 0))]
        if report.duplicate:
            lines.append(self.tr("These answers were received before; nothing was changed."))
        else:
            lines.append(self.tr("Answers different from those stored: {n}").format(n=report.changed))
            if report.states:
                moved = "，".join(f"{state_label(s)} {n}" for s, n in report.states.items())
                lines.append(self.tr("New states: {states}").format(states=moved))
        return "<br>".join(lines)

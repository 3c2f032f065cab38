import datetime as dt, time
import pytest
from concours.applications import documents
from concours.applications.models import ProgrammePiece
from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db

def test_dump():
    cand = CandidateProfileFactory(given_name="Xiaoming", family_name="Wang", native_name="王小明", citizenship="CN", country_represented="CN", birth_date=dt.date(2007,3,9))
    app = ApplicationFactory(candidate=cand, submitted_at=dt.datetime(2025,3,1,6,5,tzinfo=dt.UTC))
    r1 = RoundFactory(division=app.division, number=1, name_en="Pre-selection", name_zh="预选")
    r2 = RoundFactory(division=app.division, number=2, name_en="First round", name_zh="第一轮")
    for i,(c,w,m,s) in enumerate([("J. S. Bach","Partita No. 2 in D minor, BWV 1004","Chaconne",840),("N. Paganini","Caprice No. 24 in A minor","",300),("Chen Gang / He Zhanhao","The Butterfly Lovers (梁祝) Violin Concerto","excerpt",625)]):
        ProgrammePiece.objects.create(application=app, round=r1 if i<2 else r2, order=i, composer=c, work=w, movements=m, duration_seconds=s)
    t=time.perf_counter(); pdf = documents.receipt_pdf(app); print("first", time.perf_counter()-t)
    t=time.perf_counter(); pdf = documents.receipt_pdf(app); print("second", time.perf_counter()-t)
    open("/tmp/pdfwork/receipt.pdf","wb").write(pdf)
    app.status="admitted"
    t=time.perf_counter(); open("/tmp/pdfwork/admission.pdf","wb").write(documents.admission_letter_pdf(app)); print("adm", time.perf_counter()-t)
    t=time.perf_counter(); open("/tmp/pdfwork/visa.pdf","wb").write(documents.visa_invitation_pdf(app)); print("visa", time.perf_counter()-t)
    c2 = CandidateProfileFactory(given_name="Ivan", family_name="Petrov", native_name="Иван Петров", citizenship="RU", country_represented="RU", residence="RU")
    app2 = ApplicationFactory(candidate=c2, division=app.division, status="admitted", submitted_at=dt.datetime(2025,3,1,6,5,tzinfo=dt.UTC))
    open("/tmp/pdfwork/visa-ru.pdf","wb").write(documents.visa_invitation_pdf(app2))
    open("/tmp/pdfwork/receipt-ru.pdf","wb").write(documents.receipt_pdf(app2))

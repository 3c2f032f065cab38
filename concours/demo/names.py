"""Name parts per country, for generating fictional candidates and jurors.

Each part is written ``"Latin"``, ``"Latin=own script"`` or ``"Latin=own script=Chinese"``; a
family name with a feminine form is written ``"masculine/feminine"`` (``"Ivanov=Иванов/Ivanova=
Иванова"``). Parts are common given and family names; combinations are generated, and
``RESERVED_NAMES`` keeps the generator off names of well-known musicians.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from concours.demo.specs import Text


@dataclass(frozen=True)
class Part:
    """One given or family name: Latin letters, own script, and a Chinese rendering (jurors)."""

    latin: str
    native: str = ""
    zh: str = ""


@dataclass(frozen=True)
class FamilyName:
    """A family name, with its feminine form where the language has one (Иванов, Иванова)."""

    male: Part
    female: Part

    def for_gender(self, *, female: bool) -> Part:
        return self.female if female else self.male


@dataclass(frozen=True)
class CountryNames:
    """The name parts of one country and how a full name is written there."""

    code: str
    female: tuple[Part, ...]
    male: tuple[Part, ...]
    family: tuple[FamilyName, ...]
    #: Own script puts the family name first, without a space (王欣怡, 佐藤結衣, 김서연).
    family_first: bool = False

    @property
    def has_chinese_names(self) -> bool:
        """Whether every part has a Chinese rendering, so jurors from here get a ``name_zh``."""
        parts = [
            *self.female,
            *self.male,
            *(f.male for f in self.family),
            *(f.female for f in self.family),
        ]
        return all(part.zh for part in parts)


def _part(text: str, *, zh_is_native: bool) -> Part:
    latin, native, zh = [*text.split("="), "", ""][:3]
    return Part(latin=latin, native=native, zh=zh or (native if zh_is_native else ""))


def _parts(text: str, *, zh_is_native: bool = False) -> tuple[Part, ...]:
    """Parts separated by commas."""
    return tuple(_part(item.strip(), zh_is_native=zh_is_native) for item in text.split(","))


def _families(text: str, *, zh_is_native: bool = False) -> tuple[FamilyName, ...]:
    families = []
    for item in text.split(","):
        male, _, female = item.strip().partition("/")
        male_part = _part(male, zh_is_native=zh_is_native)
        female_part = _part(female, zh_is_native=zh_is_native) if female else male_part
        families.append(FamilyName(male=male_part, female=female_part))
    return tuple(families)


def _country(
    code: str,
    *,
    female: str,
    male: str,
    family: str,
    family_first: bool = False,
    zh_is_native: bool = False,
) -> CountryNames:
    return CountryNames(
        code=code,
        female=_parts(female, zh_is_native=zh_is_native),
        male=_parts(male, zh_is_native=zh_is_native),
        family=_families(family, zh_is_native=zh_is_native),
        family_first=family_first,
    )


COUNTRIES: dict[str, CountryNames] = {
    country.code: country
    for country in (
        _country(
            "CN", family_first=True, zh_is_native=True,
            female="Xinyi=欣怡, Yutong=雨桐, Shiqi=诗琪, Jiayi=佳怡, Ruoxi=若曦, Zihan=子涵, Mengyao=梦瑶, Yuxuan=雨萱",
            male="Haoran=浩然, Zixuan=子轩, Yuhang=宇航, Junjie=俊杰, Tianyu=天宇, Mingze=明泽, Boyang=博洋, Siyuan=思远",
            family="Wang=王, Li=李, Zhang=张, Liu=刘, Chen=陈, Yang=杨, Zhao=赵, Huang=黄, Zhou=周, Wu=吴, Xu=徐, Sun=孙, Gao=高, Lin=林",
        ),
        _country(
            "TW", family_first=True,
            female="Yi-Ting=怡婷, Pei-Shan=佩珊, Hsin-Yu=欣妤, Ya-Wen=雅雯",
            male="Chih-Hao=志豪, Chia-Hung=家宏, Yu-Cheng=宇成, Po-Han=柏翰",
            family="Chen=陳, Lin=林, Huang=黃, Chang=張, Tsai=蔡, Hsu=許, Cheng=鄭",
        ),
        _country(
            "JP", family_first=True,
            female="Yui=結衣=结衣, Haruka=遥=遥, Aoi=葵=葵, Misaki=美咲=美咲, Rin=凛=凛, Nanami=七海=七海, Hina=陽菜=阳菜",
            male="Haruto=陽翔=阳翔, Sota=蒼太=苍太, Ren=蓮=莲, Yuto=悠斗=悠斗, Kaito=海斗=海斗, Takumi=拓海=拓海, Daiki=大輝=大辉",
            family=(
                "Sato=佐藤=佐藤, Suzuki=鈴木=铃木, Takahashi=高橋=高桥, Tanaka=田中=田中, Watanabe=渡辺=渡边, "
                "Ito=伊藤=伊藤, Yamamoto=山本=山本, Nakamura=中村=中村, Kobayashi=小林=小林, Kato=加藤=加藤"
            ),
        ),
        _country(
            "KR", family_first=True,
            female="Seo-yeon=서연, Ji-woo=지우, Min-seo=민서, Ha-eun=하은, Soo-ah=수아, Ye-jin=예진",
            male="Min-jun=민준, Seo-jun=서준, Do-yun=도윤, Ji-ho=지호, Hyun-woo=현우, Jun-seo=준서",
            family="Kim=김, Lee=이, Park=박, Choi=최, Jung=정, Kang=강, Cho=조, Yoon=윤, Han=한, Lim=임",
        ),
        _country(
            "RU",
            female=(
                "Anastasia=Анастасия=阿纳斯塔西娅, Ekaterina=Екатерина=叶卡捷琳娜, Daria=Дарья=达莉娅, "
                "Polina=Полина=波琳娜, Sofia=София=索菲娅, Maria=Мария=玛丽亚"
            ),
            male=(
                "Dmitry=Дмитрий=德米特里, Alexei=Алексей=阿列克谢, Mikhail=Михаил=米哈伊尔, "
                "Ivan=Иван=伊万, Nikita=Никита=尼基塔, Sergei=Сергей=谢尔盖"
            ),
            family=(
                "Ivanov=Иванов=伊万诺夫/Ivanova=Иванова=伊万诺娃, "
                "Smirnov=Смирнов=斯米尔诺夫/Smirnova=Смирнова=斯米尔诺娃, "
                "Kuznetsov=Кузнецов=库兹涅佐夫/Kuznetsova=Кузнецова=库兹涅佐娃, "
                "Sokolov=Соколов=索科洛夫/Sokolova=Соколова=索科洛娃, "
                "Volkov=Волков=沃尔科夫/Volkova=Волкова=沃尔科娃, "
                "Morozov=Морозов=莫罗佐夫/Morozova=Морозова=莫罗佐娃, "
                "Lebedev=Лебедев=列别杰夫/Lebedeva=Лебедева=列别杰娃, "
                "Novikov=Новиков=诺维科夫/Novikova=Новикова=诺维科娃, "
                "Orlov=Орлов=奥尔洛夫/Orlova=Орлова=奥尔洛娃"
            ),
        ),
        _country(
            "UA",
            female="Olena=Олена, Iryna=Ірина, Oksana=Оксана, Yulia=Юлія, Kateryna=Катерина",
            male="Andriy=Андрій, Oleksandr=Олександр, Taras=Тарас, Bohdan=Богдан, Yaroslav=Ярослав",
            family=(
                "Shevchenko=Шевченко, Kovalenko=Коваленко, Bondarenko=Бондаренко, Tkachenko=Ткаченко, "
                "Kravchuk=Кравчук, Melnyk=Мельник, Oliynyk=Олійник, Polishchuk=Поліщук"
            ),
        ),
        _country(
            "GR",
            female="Eleni=Ελένη, Maria=Μαρία, Katerina=Κατερίνα, Sofia=Σοφία, Dimitra=Δήμητρα",
            male="Georgios=Γεώργιος, Nikolaos=Νικόλαος, Konstantinos=Κωνσταντίνος, Dimitrios=Δημήτριος, Ioannis=Ιωάννης",
            family=(
                "Papadopoulos=Παπαδόπουλος/Papadopoulou=Παπαδοπούλου, Georgiou=Γεωργίου, "
                "Nikolaidis=Νικολαΐδης/Nikolaidou=Νικολαΐδου, Oikonomou=Οικονόμου, Alexiou=Αλεξίου, "
                "Karagiannis=Καραγιάννης/Karagianni=Καραγιάννη"
            ),
        ),
        _country(
            "GE",
            female="Nino=ნინო, Mariam=მარიამ, Tamar=თამარ, Ana=ანა, Salome=სალომე",
            male="Giorgi=გიორგი, Levan=ლევან, Davit=დავით, Luka=ლუკა, Irakli=ირაკლი",
            family=(
                "Beridze=ბერიძე, Kapanadze=კაპანაძე, Gelashvili=გელაშვილი, Maisuradze=მაისურაძე, "
                "Giorgadze=გიორგაძე, Lomidze=ლომიძე, Tsiklauri=წიკლაური"
            ),
        ),
        _country(
            "AM",
            female="Anahit=Անահիտ, Lilit=Լիլիթ, Mariam=Մարիամ, Nare=Նարե, Ani=Անի",
            male="Aram=Արամ, Tigran=Տիգրան, Davit=Դավիթ, Narek=Նարեկ, Hayk=Հայկ",
            family=(
                "Grigoryan=Գրիգորյան, Hakobyan=Հակոբյան, Sargsyan=Սարգսյան, Harutyunyan=Հարությունյան, "
                "Petrosyan=Պետրոսյան, Vardanyan=Վարդանյան, Avetisyan=Ավետիսյան"
            ),
        ),
        _country(
            "IL",
            female="Noa=נועה, Tamar=תמר, Maya=מאיה, Yael=יעל, Shira=שירה",
            male="Noam=נועם, Itai=איתי, Omer=עומר, Yonatan=יונתן, Ariel=אריאל",
            family="Cohen=כהן, Levi=לוי, Mizrahi=מזרחי, Peretz=פרץ, Biton=ביטון, Friedman=פרידמן, Shapira=שפירא",
        ),
        _country(
            "EG",
            female="Nour=نور, Salma=سلمى, Farida=فريدة, Malak=ملك, Laila=ليلى",
            male="Omar=عمر, Youssef=يوسف, Karim=كريم, Ahmed=أحمد, Tarek=طارق",
            family="Hassan=حسن, Mansour=منصور, Farouk=فاروق, Saleh=صالح, Nasser=ناصر, Shawky=شوقي",
        ),
        _country(
            "TH",
            female="Ploy=พลอย, Pimchanok=พิมพ์ชนก, Kanokwan=กนกวรรณ, Siriporn=ศิริพร, Napat=ณภัทร",
            male="Krit=กฤต, Thanawat=ธนวัฒน์, Phuwadon=ภูวดล, Nattapong=ณัฐพงษ์, Chaiwat=ชัยวัฒน์",
            family="Wongsawat=วงศ์สวัสดิ์, Srisawat=ศรีสวัสดิ์, Rattanakul=รัตนกุล, Boonmee=บุญมี, Saetang=แซ่ตั้ง",
        ),
        _country(
            "DE",
            female="Katrin==卡特琳, Julia==尤利娅, Lena==莉娜, Miriam==米丽娅姆, Sabine==萨比娜, Hannah==汉娜",
            male="Matthias==马蒂亚斯, Jonas==约纳斯, Felix==费利克斯, Stefan==斯特凡, Tobias==托比亚斯, Lukas==卢卡斯",
            family=(
                "Brandt==勃兰特, Hoffmann==霍夫曼, Becker==贝克尔, Schulz==舒尔茨, Keller==凯勒, "
                "Lorenz==洛伦茨, Vogel==福格尔, Krüger==克吕格尔, Hartmann==哈特曼"
            ),
        ),
        _country(
            "FR",
            female="Camille==卡米耶, Claire==克莱尔, Juliette==朱丽叶, Manon==玛侬, Élise==埃莉斯, Inès==伊内丝",
            male="Antoine==安托万, Julien==朱利安, Mathieu==马蒂厄, Louis==路易, Hugo==雨果, Théo==泰奥",
            family=(
                "Martin==马丁, Fontaine==方丹, Dubois==迪布瓦, Moreau==莫罗, Laurent==洛朗, "
                "Lefèvre==勒菲弗, Girard==吉拉尔, Roux==鲁"
            ),
        ),
        _country(
            "IT",
            female="Giulia==朱莉娅, Chiara==基娅拉, Francesca==弗朗切斯卡, Sara==萨拉, Elena==埃莱娜, Martina==马蒂娜",
            male="Lorenzo==洛伦佐, Matteo==马泰奥, Andrea==安德烈亚, Davide==达维德, Pietro==彼得罗, Tommaso==托马索",
            family=(
                "Rossi==罗西, Bianchi==比安基, Romano==罗马诺, Colombo==科隆博, Esposito==埃斯波西托, "
                "Marino==马里诺, Greco==格雷科, Conti==孔蒂"
            ),
        ),
        _country(
            "US",
            female="Emily==埃米莉, Hannah==汉娜, Olivia==奥利维娅, Abigail==阿比盖尔, Grace==格蕾丝, Madison==麦迪逊",
            male="Benjamin==本杰明, Nathan==内森, Ethan==伊桑, Samuel==塞缪尔, Owen==欧文, Caleb==凯莱布",
            family=(
                "Miller==米勒, Anderson==安德森, Taylor==泰勒, Mitchell==米切尔, Reed==里德, "
                "Parker==帕克, Collins==柯林斯, Hayes==海斯"
            ),
        ),
        _country(
            "GB",
            female="Charlotte==夏洛特, Eleanor==埃莉诺, Harriet==哈丽特, Imogen==伊莫金, Rosie==罗茜, Alice==爱丽丝",
            male="Oliver==奥利弗, George==乔治, Harry==哈里, Edward==爱德华, Thomas==托马斯, Alfie==阿尔菲",
            family=(
                "Thompson==汤普森, Walker==沃克, Wright==赖特, Evans==埃文斯, Hughes==休斯, "
                "Turner==特纳, Clarke==克拉克, Bennett==贝内特"
            ),
        ),
        _country(
            "PL",
            female=(
                "Zofia==佐菲娅, Aleksandra==亚历山德拉, Magdalena==玛格达莱娜, Katarzyna==卡塔日娜, "
                "Agnieszka==阿格涅什卡, Natalia==娜塔莉娅"
            ),
            male="Jakub==雅库布, Piotr==彼得, Tomasz==托马什, Michał==米哈乌, Kacper==卡茨佩尔, Mateusz==马特乌什",
            family=(
                "Kowalski==科瓦尔斯基/Kowalska==科瓦尔斯卡, Nowak==诺瓦克, "
                "Wiśniewski==维希涅夫斯基/Wiśniewska==维希涅夫斯卡, Wójcik==武伊奇克, "
                "Kamiński==卡明斯基/Kamińska==卡明斯卡, Zieliński==杰林斯基/Zielińska==杰林斯卡, "
                "Szymański==希曼斯基/Szymańska==希曼斯卡"
            ),
        ),
        _country(
            "ES",
            female="Lucía, Carmen, Paula, Marta, Irene",
            male="Pablo, Javier, Álvaro, Diego, Sergio",
            family="García, López, Martínez, Sánchez, Romero, Navarro, Molina",
        ),
        _country(
            "NL",
            female="Sanne, Femke, Lotte, Anouk, Eva",
            male="Daan, Sem, Bram, Thijs, Jasper",
            family="de Vries, van Dijk, Bakker, Visser, Smit, Meijer, de Boer",
        ),
        _country(
            "CZ",
            female="Tereza, Eliška, Kateřina, Barbora, Veronika",
            male="Jakub, Tomáš, Vojtěch, Ondřej, Jan",
            family=(
                "Novák/Nováková, Svoboda/Svobodová, Černý/Černá, Procházka/Procházková, "
                "Kučera/Kučerová, Veselý/Veselá, Horák/Horáková"
            ),
        ),
        _country(
            "HU",
            female="Eszter, Réka, Anna, Dóra, Zsófia",
            male="Bence, Máté, Levente, Ádám, Dániel",
            family="Nagy, Kovács, Tóth, Szabó, Horváth, Varga, Kiss",
        ),
        _country(
            "CA",
            female="Chloé, Madeleine, Avery, Sophie, Leah",
            male="Liam, Noah, Gabriel, Mathis, Ryan",
            family="Tremblay, Gagnon, Roy, MacDonald, Campbell, Côté, Wilson",
        ),
        _country(
            "AU",
            female="Ruby, Matilda, Isla, Zoe, Georgia",
            male="Jack, William, Lachlan, Angus, Hamish",
            family="Smith, Jones, Kelly, O'Brien, Murphy, Fraser",
        ),
        _country(
            "BR",
            female="Beatriz, Mariana, Larissa, Gabriela, Isabela",
            male="Lucas, Gustavo, Rafael, Thiago, Felipe",
            family="Silva, Santos, Oliveira, Souza, Pereira, Costa, Almeida",
        ),
    )
}  # fmt: skip

#: Candidates per country for the 2025 edition (100 in all, from 25 countries).
CANDIDATES_PER_COUNTRY: dict[str, int] = {
    "CN": 19, "KR": 10, "JP": 9, "US": 6, "RU": 5, "TW": 4, "DE": 4, "PL": 4,
    "UA": 3, "FR": 3, "IT": 3, "GB": 3, "CA": 3,
    "GR": 2, "GE": 2, "AM": 2, "IL": 2, "EG": 2, "TH": 2, "ES": 2, "NL": 2, "CZ": 2, "HU": 2,
    "AU": 2, "BR": 2,
}  # fmt: skip

#: Where candidates who live abroad study.
STUDY_ABROAD = ("DE", "AT", "US", "GB", "FR", "CH")

#: Share of candidates living abroad, and of those representing their country of residence.
LIVING_ABROAD = 0.2
REPRESENTING_RESIDENCE = 0.25


def countries_for(rng: random.Random, citizenship: str) -> tuple[str, str]:
    """Country represented and country of residence; mostly the citizenship."""
    if rng.random() >= LIVING_ABROAD:
        return citizenship, citizenship
    residence = rng.choice([code for code in STUDY_ABROAD if code != citizenship])
    represented = residence if rng.random() < REPRESENTING_RESIDENCE else citizenship
    return represented, residence


#: Countries jurors come from, named as in a biography; their name parts all have a Chinese
#: rendering for the juror's ``name_zh``.
JUROR_COUNTRIES: dict[str, Text] = {
    "CN": Text("China", "中国"),
    "JP": Text("Japan", "日本"),
    "RU": Text("Russia", "俄罗斯"),
    "DE": Text("Germany", "德国"),
    "FR": Text("France", "法国"),
    "IT": Text("Italy", "意大利"),
    "US": Text("the United States", "美国"),
    "GB": Text("the United Kingdom", "英国"),
    "PL": Text("Poland", "波兰"),
}

#: Well-known musicians whose names the generator must never produce (lower case, given first).
RESERVED_NAMES = frozenset(
    {
        "jian wang",
        "ning feng",
        "yuja wang",
        "yundi li",
        "jan novák",
        "dmitry smirnov",
        "ivan sokolov",
        "seong-jin cho",
        "bomsori kim",
        "camille thomas",
        "daniel müller-schott",
        "sergei dogadin",
        "aram khachaturian",
    }
)

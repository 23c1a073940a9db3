package ewsrt

import (
	"fmt"
	"strings"
	"testing"
)

// corpusDocs are well-formed documents compared with encoding/xml.
var corpusDocs = []string{
	`<a/>`,
	`<a></a>`,
	`<?xml version="1.0" encoding="utf-8"?><a>x</a>`,
	"\xEF\xBB\xBF<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<!-- c --><?pi data?>\n<a>x</a>\n<!-- end -->\n",
	`<a b="1" c='2'>t</a>`,
	`<a><b>1</b><c>2</c><d/></a>`,
	`<a>x &lt; y &gt; z &amp; &apos; &quot; &#65;&#x42;&#x1F600;</a>`,
	`<a b="&lt;&amp;&quot;&apos;&#9;&#10;&#13;">t</a>`,
	"<a b=\"x\ty\nz\r\nw\">t</a>",
	"<a>line1\r\nline2\rline3\n</a>",
	`<a><![CDATA[<not> & markup]]></a>`,
	`<a>x<![CDATA[y]]>z<!-- c -->w<?p i?>v</a>`,
	`<a>mixed <b>bold</b> text <i>it</i>.</a>`,
	`<p:a xmlns:p="urn:p"><p:b/><c/></p:a>`,
	`<a xmlns="urn:d"><b/><c xmlns=""><d/></c><e/></a>`,
	`<a xmlns:p="urn:p" p:x="1" x="2"><p:b xmlns:p="urn:q" p:y="3"/><p:c/></a>`,
	`<a xml:lang="en" xml:space="preserve"> </a>`,
	`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
  <soap:Header><t:ServerVersionInfo MajorVersion="15" MinorVersion="0"/></soap:Header>
  <soap:Body><m:GetItemResponse><m:ResponseMessages>
    <m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
      <m:Items><t:Message><t:ItemId Id="AAMk=" ChangeKey="CQAA"/><t:Subject>Hi &amp; bye</t:Subject></t:Message></m:Items>
    </m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse></soap:Body></soap:Envelope>`,
	`<a>é ü 日本語 😀</a>`,
	`<日本 属性="値">テキスト</日本>`,
	`<a:b xmlns:a="urn:x" xmlns:b="urn:y" b:c="1" a:c="2"/>`,
	`<a   b = "1"   c	=	'2'  ></a   >`,
	`<a><!----><?x?></a>`,
	`<a>]] ]> ]</a>`,
	`<a b="]]>"/>`,
	`<a>&#x10FFFF;&#xFFFD;&#xE000;&#xD7FF;</a>`,
	`<a xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:id="x"/>`,
	`<a xmlns:p="urn:a &amp; b" p:q=""/>`,
	`<a.b-c_d xmlns:_x="urn:u"><_x:e.f/></a.b-c_d>`,
	`<a>xyz<b xmlns:p="u&amp;v" p:c="&lt;"/>y</a>`,
	"<a>text<b xmlns:p=\"u\tv\" p:c=\"1\"/>more</a>",
	"<a\xcc\x80b\xc2\xb7c/>",
	"<\xc3\xa9l\xc3\xa9ment att=\"1\"/>",
	`<a><?target  data ? > ?></a>`,
	`<a><!-- - -> --></a>`,
	`<?xml version="1.0" standalone="no" ?><a/>`,
}

// brokenDocs are not well-formed; both decoders must reject them.
var brokenDocs = []string{
	``,
	`<a>`,
	`<a></b>`,
	`<a><b></a></b>`,
	`<a>&foo;</a>`,
	`<a>&lt</a>`,
	`<a>&#;</a>`,
	`<a>&#xZZ;</a>`,
	`<a>&#0;</a>`,
	`<a>&#x110000;</a>`,
	`<a b="1" b="2"/>`,
	`<a b="<"/>`,
	`<a b=1/>`,
	`<a b/>`,
	`<a>]]></a>`,
	"<a>\x00</a>",
	"<a>\x01</a>",
	"<a>\xff</a>",
	"<a b=\"\xc3\x28\"/>",
	`<a><!-- a -- b --></a>`,
	`<a><![CDATA[x</a>`,
	`<a`,
	`<a b="1`,
	`</a>`,
	`<1a/>`,
	`<a/ >`,
	`<a></a >x`,
	`<a><b/></a></a>`,
	`<?xml version="1.1"?><a/>`,
	`<?xml version="1.0" encoding="latin1"?><a/>`,
	`<a>x</a>&amp;`,
	`<a><!DOCTYPE x></a>`,
	"<a>\xef\xbf\xbe</a>",
	`<a>&#xFFFE;</a>`,
	`<a b:c="1"/>`, // undeclared prefix: stricter than encoding/xml
	`<a:b/>`,
	`<a xmlns:p=""/>`,
	`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`,
	`<a/><b/>`,
	`text<a/>`,
	`<a b="1"c="2"/>`,
	`<a xmlns:x="urn:1" xmlns:y="urn:1" x:b="1" y:b="2"/>`,
	`<a:b:c xmlns:a="urn:1"/>`,
	`<?xml version="1.0"?><?xml version="1.0"?><a/>`,
	`<a><?xml version="1.0"?></a>`,
	"<a><?p \x01?></a>",
	`<a><?p:q x?></a>`,
	`<a><?p?x?></a>`,
	"<a><!-- \x01 --></a>",
	`<a><!-- unterminated`,
	`<a><?pi unterminated`,
	`<a><!X></a>`,
	`<a>&#xD800;</a>`,
	`<a xmlns:xmlns="urn:x"/>`,
	`<a xmlns:xml="urn:x"/>`,
	`<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>`,
	`<a xmlns="http://www.w3.org/2000/xmlns/"/>`,
	`<xmlns:a/>`,
	"<\xcc\x80a/>",
	"<a\xff/>",
	`<a:b xmlns:a="urn:x"></a:c>`,
	`<a></a:>`,
	`<a b="1" :c="2"/>`,
	`<a></a`,
	`<a></a x>`,
	`<?xml version="1.0" encoding="utf-8" standalone="maybe"?><a/>`,
	`<?xml version="1.0" foo="bar"?><a/>`,
	`<?xml encoding="utf-8"?><a/>`,
	`<?xml version="1.0"`,
	`<a>&#99999999999;</a>`,
	`<a>&ampx;</a>`,
	`<a>& </a>`,
	`<a` + "\x00" + `/>`,
}

func TestDifferentialCorpus(t *testing.T) {
	for i, doc := range corpusDocs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			want, _, err := stdEvents([]byte(doc), true)
			if err != nil {
				t.Fatalf("encoding/xml rejects corpus doc: %v", err)
			}
			got, err := anyEvents([]byte(doc), xmlLimits{})
			if err != nil {
				t.Fatalf("Any: %v", err)
			}
			if !eqEvents(got, want) {
				t.Fatalf("Any events differ\n got: %q\nwant: %q", got, want)
			}
			got, err = childEvents([]byte(doc), xmlLimits{})
			if err != nil {
				t.Fatalf("Child: %v", err)
			}
			if w := withoutText(want); !eqEvents(got, w) {
				t.Fatalf("Child events differ\n got: %q\nwant: %q", got, w)
			}
			if err := skipCheck([]byte(doc), xmlLimits{}); err != nil {
				t.Fatalf("Skip: %v", err)
			}
			for _, useBytes := range []bool{false, true} {
				if err := textWalk([]byte(doc), want, useBytes); err != nil {
					t.Fatalf("text walk (bytes %v): %v", useBytes, err)
				}
			}
		})
	}
}

func TestDifferentialBroken(t *testing.T) {
	for i, doc := range brokenDocs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			_, _, stdErr := stdEvents([]byte(doc), true)
			_, err1 := anyEvents([]byte(doc), xmlLimits{})
			_, err2 := childEvents([]byte(doc), xmlLimits{})
			err3 := skipCheck([]byte(doc), xmlLimits{})
			if err1 == nil || err2 == nil || err3 == nil {
				t.Fatalf("accepted %q: %v %v %v", doc, err1, err2, err3)
			}
			if err1.Error() != err2.Error() && !strings.Contains(err1.Error(), "nesting") {
				t.Logf("Any and Child errors differ: %v / %v", err1, err2)
			}
			if stdErr == nil && !isStricter(err1, []byte(doc)) {
				t.Fatalf("encoding/xml accepts %q, we reject it with an unexpected error: %v", doc, err1)
			}
			t.Logf("%q: %v (encoding/xml: %v)", doc, err1, stdErr)
		})
	}
}

func TestFifthEditionNames(t *testing.T) {
	// XML 1.0 fifth edition name characters that encoding/xml's older
	// tables reject.
	for _, doc := range []string{"<a att\u203f=\"1\"/>", "<\U00010000/>", "<a\u00b7\u0300/>"} {
		if _, err := anyEvents([]byte(doc), xmlLimits{}); err != nil {
			t.Errorf("%q: %v", doc, err)
		}
	}
	for _, doc := range []string{"<\u0300/>", "<a\u00d7/>", "<a\u037e/>", "<\u00b7/>", "<a\U000F0000/>"} {
		if _, err := anyEvents([]byte(doc), xmlLimits{}); err == nil {
			t.Errorf("%q accepted", doc)
		}
	}
}

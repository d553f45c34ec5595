package dev.cloudpacs.dicom.core.json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed JSON and invalid structure give a checked DicomJsonException naming the path. */
class DicomJsonErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "truncated            | {\"00101002\": {\"vr\": \"SQ\", \"Value\": [{\"00100020\": {\"vr\": \"LO\", \"Value\": [\"1\" | 00101002[0].00100020 | invalid JSON",
        "syntax               | {\"00100010\": {\"vr\": \"PN\", \"Value\": [}}                              | 00100010             | invalid JSON",
        "empty input          | ``                                                                           | ``                   | no JSON content",
        "top-level number     | 42                                                                           | ``                   | expected an object or an array",
        "trailing content     | {} {}                                                                        | ``                   | unexpected content",
        "array element        | [{}, 7]                                                                      | [1]                  | expected a data set object",
        "bad key              | {\"0010001\": {\"vr\": \"PN\"}}                                              | 0010001              | 8 hexadecimal digits",
        "duplicate key        | {\"00100010\": {\"vr\": \"PN\"}, \"00100010\": {\"vr\": \"PN\"}}             | 00100010             | duplicate attribute",
        "attribute not object | {\"00100010\": \"Doe\"}                                                      | 00100010             | expected an attribute object",
        "unknown VR           | {\"00100010\": {\"vr\": \"XX\"}}                                             | 00100010             | unknown VR",
        "missing private VR   | {\"00291010\": {\"Value\": [\"x\"]}}                                         | 00291010             | missing \"vr\"",
        "unknown member       | {\"00100010\": {\"vr\": \"PN\", \"value\": []}}                              | 00100010             | unexpected member",
        "Value not array      | {\"00100010\": {\"vr\": \"LO\", \"Value\": \"x\"}}                           | 00100010             | must be an array",
        "two kinds of value   | {\"00091010\": {\"vr\": \"OB\", \"Value\": [], \"InlineBinary\": \"AA==\"}}   | 00091010             | more than one",
        "bad base64           | {\"00091010\": {\"vr\": \"OB\", \"InlineBinary\": \"@@@@\"}}                 | 00091010             | invalid base64",
        "OB with Value        | {\"00091010\": {\"vr\": \"OB\", \"Value\": [1]}}                             | 00091010             | needs \"InlineBinary\"",
        "boolean value        | [{}, {\"00100020\": {\"vr\": \"LO\", \"Value\": [true]}}]                     | [1].00100020[0]      | a boolean is not allowed",
        "number for LO        | {\"00100020\": {\"vr\": \"LO\", \"Value\": [12]}}                            | 00100020[0]          | expected a string",
        "IS not integer       | {\"00200013\": {\"vr\": \"IS\", \"Value\": [1.5]}}                           | 00200013[0]          | not an integer",
        "US out of range      | {\"00081115\": {\"vr\": \"SQ\", \"Value\": [{}, {\"00280010\": {\"vr\": \"US\", \"Value\": [70000]}}]}} | 00081115[1].00280010[0] | range of VR US",
        "null US              | {\"00280010\": {\"vr\": \"US\", \"Value\": [null]}}                          | 00280010[0]          | expected a number",
        "bad FD               | {\"00189087\": {\"vr\": \"FD\", \"Value\": [\"fast\"]}}                      | 00189087[0]          | not a number",
        "bad AT               | {\"00280009\": {\"vr\": \"AT\", \"Value\": [\"0018\"]}}                      | 00280009[0]          | 8 hexadecimal digits",
        "item not object      | {\"00081115\": {\"vr\": \"SQ\", \"Value\": [\"x\"]}}                         | 00081115[0]          | must be an object",
        "bad PN group         | {\"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"A\", \"Kanji\": \"B\"}]}} | 00100010[0] | unknown person name component group",
        "PN object for LO     | {\"00100020\": {\"vr\": \"LO\", \"Value\": [{\"Alphabetic\": \"A\"}]}}       | 00100020[0]          | expected a string",
        "InlineBinary on SQ   | {\"00081115\": {\"vr\": \"SQ\", \"InlineBinary\": \"AA==\"}}                 | 00081115             | sequence cannot",
    })
    void malformedInputNamesThePath(String name, String json, String path, String problem) {
        DicomJsonException e = assertThrows(DicomJsonException.class, () -> new DicomJsonReader().read(json));
        assertEquals(path, e.path(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().startsWith(path.isEmpty() ? "(root): " : path + ": "), e.getMessage());
    }
}

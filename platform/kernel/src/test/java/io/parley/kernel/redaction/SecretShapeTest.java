package io.parley.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretShapeTest {

    @ParameterizedTest(name = "\"{0}\" looks generated: {1}")
    @CsvSource({
            "Zx81Qw72Er63Ty54Ui45, true",
            "9f8e7d6c5b4a39281706f5e4d3c2b1a0, true",
            "550e8400-e29b-41d4-a716-446655440000, true",
            "abcdefghijklmno1, true",
            "abcdefghijklmn1, false",
            "your_api_key_here, false",
            "aaaaaaaa11111111, false",
            "abcabcabcabc1234, false",
            "12345678901234567890, false",
            "'two words 1234567890abc', false"})
    void judgesLengthCharactersAndEntropy(String value, boolean generated) {
        assertEquals(generated, SecretShape.looksGenerated(value));
    }
}
